/** Worker-thread entry: one graph layout (see graph-layout.ts), posted back as positions. */
import { parentPort, workerData } from 'node:worker_threads'
import * as d3 from 'd3-force'
import { simulateLayout } from './graph-layout.js'

const { n, links } = workerData as { n: number; links: Array<[number, number]> }
const xy = simulateLayout(n, links, d3)
parentPort?.postMessage(xy, [xy.buffer as ArrayBuffer])
