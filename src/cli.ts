/**
 * The command line: argv → build() / check() / serve(). The only module that prints results and
 * sets the exit code: 0 success, 1 content errors (or warnings with --strict), 2 usage/config
 * errors, 70 an internal bug (stack trace only with --debug).
 */
import { Command, CommanderError } from 'commander'
import path from 'node:path'
import { existsSync, statSync } from 'node:fs'
import { loadConfig, ConfigError, type SiteConfig } from './config.js'
import type { BuildResult } from './build.js'
import { recoverOutDir } from './output/sink.js'
import { outDirProblem } from './output/guard.js'
import { defaultCacheDir } from './cache/build-cache.js'
import { unchangedBuild } from './cache/build-stamp.js'
import { createProgress } from './report/progress.js'
import { summarize, formatText, summaryLine, formatJson } from './report/reporter.js'

class UsageError extends Error {}

interface CommonFlags {
  content?: string
  config?: string
  baseUrl?: string
  strict?: boolean
  quiet?: boolean
  debug?: boolean
  profile?: boolean
  format?: string
}

function vaultFrom(arg: string | undefined, flags: CommonFlags): string {
  const dir = path.resolve(arg ?? flags.content ?? 'content')
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`vault folder not found: ${dir}`)
  return dir
}

async function configFor(vault: string, flags: CommonFlags): Promise<SiteConfig> {
  const overrides: Partial<SiteConfig> = {}
  if (flags.baseUrl !== undefined) overrides.baseUrl = flags.baseUrl
  return loadConfig(vault, flags.config ? path.resolve(flags.config) : undefined, overrides)
}

function printProfile(result: Report) {
  const rows = result.timings.map((t) => `  ${t.stage.padEnd(24)} ${String(t.ms).padStart(7)} ms${t.rssMb !== undefined ? `  ${String(t.rssMb).padStart(5)} MB` : ''}${t.count !== undefined ? `  (${t.count})` : ''}`)
  // What kind of build it was explains most of its time.
  const kind = result.rendered === undefined ? '' : result.bodyOnly ? `body-only build: ${result.rendered.length} rendered, the rest carried over\n` : `${result.rendered.length} notes rendered\n`
  const search = result.search
  const searchLine = search ? `search index: ${search.reindexed.length} of ${search.shards} shards indexed, ${search.laidOut} pages laid out again for it\n` : ''
  process.stderr.write(`profile:\n${rows.join('\n')}\n${kind ? '  ' + kind : ''}${searchLine ? '  ' + searchLine : ''}`)
}

type Report = Pick<BuildResult, 'diagnostics' | 'notes' | 'published' | 'timings'> & Partial<Pick<BuildResult, 'bodyOnly' | 'rendered' | 'search'>>

function report(result: Report, flags: CommonFlags, out: NodeJS.WriteStream): boolean {
  const s = summarize(result.diagnostics, !!flags.strict)
  if (flags.format === 'json') {
    process.stdout.write(formatJson(result.diagnostics, s, result.notes, result.published) + '\n')
  } else {
    if (result.diagnostics.length && !(flags.quiet && !s.failed)) out.write(formatText(result.diagnostics, !!out.isTTY) + '\n')
    out.write(summaryLine(s, result.notes, result.published) + '\n')
  }
  if (flags.profile) printProfile(result)
  return !s.failed
}

export function createProgram(setExit: (code: number) => void): Command {
  const program = new Command('grove')
    .description('Build an Obsidian vault into a static website')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })

  const common = (cmd: Command) =>
    cmd
      .option('--content <dir>', 'vault folder', undefined)
      .option('--config <file>', 'config file (default: <vault>/grove.config.yaml)')
      .option('--base-url <url>', 'absolute URL of the site, for feeds, sitemap and canonical links')
      .option('--strict', 'warnings fail the run')
      .option('--quiet', 'print only the summary and errors')
      .option('--profile', 'print per-stage timings')
      .option('--debug', 'print stack traces of internal errors')

  common(program.command('build [vault]').description('build the vault into a site'))
    .option('--out <dir>', 'output folder', 'public')
    .option('--no-cache', 'ignore the build cache')
    .action(async (arg: string | undefined, flags: CommonFlags & { out: string; cache?: boolean }) => {
      const vault = vaultFrom(arg, flags)
      const outDir = path.resolve(flags.out)
      const problem = outDirProblem(vault, outDir)
      if (problem) throw new UsageError(`refusing to build: ${problem}`)
      const config = await configFor(vault, flags)
      const failOn = (d: BuildResult['diagnostics']) => summarize(d, !!flags.strict).failed
      await recoverOutDir(outDir)
      const cacheDir = flags.cache === false ? undefined : defaultCacheDir(vault)
      const where = path.relative(process.cwd(), outDir) || '.'
      // Nothing changed since the last build: its output is already what this one would write.
      const t0 = performance.now()
      const check = cacheDir ? await unchangedBuild(vault, config, outDir, cacheDir) : undefined
      const unchanged = check?.stamp
      if (unchanged) {
        const ok = report({ ...unchanged, timings: [{ stage: 'up-to-date check', ms: Math.round(performance.now() - t0) }] }, flags, process.stderr)
        if (failOn(unchanged.diagnostics)) process.stderr.write(`build failed: ${where} was left as it was\n`)
        else if (!flags.quiet) process.stderr.write(`${where} is up to date (${unchanged.pages} pages)\n`)
        return setExit(ok ? 0 : 1)
      }
      const [{ build }, { FsSink }] = await Promise.all([import('./build.js'), import('./output/sink.js')])
      const progress = createProgress(process.stderr, !flags.quiet)
      const result = await build({ vaultDir: vault, config, sink: new FsSink(outDir), outDir, failOn, cacheDir, discovered: check?.discovered, onProgress: progress.update })
      progress.clear()
      const ok = report(result, flags, process.stderr)
      if (!result.committed) process.stderr.write(`build failed: ${where} was left as it was\n`)
      else if (!flags.quiet) process.stderr.write(`wrote ${result.pages} pages to ${where}\n`)
      setExit(ok ? 0 : 1)
    })

  common(program.command('check [vault]').description('run the whole pipeline without writing a site and print every diagnostic'))
    .option('--format <format>', 'text or json', 'text')
    .action(async (arg: string | undefined, flags: CommonFlags) => {
      if (flags.format !== 'text' && flags.format !== 'json') throw new UsageError(`--format must be text or json, got ${flags.format}`)
      const vault = vaultFrom(arg, flags)
      const config = await configFor(vault, flags)
      const [{ build }, { MemorySink }] = await Promise.all([import('./build.js'), import('./output/sink.js')])
      const result = await build({ vaultDir: vault, config, sink: new MemorySink() })
      setExit(report(result, flags, process.stdout) ? 0 : 1)
    })

  program
    .command('serve [vault]')
    .description('build the vault into memory, serve it with live reload and rebuild on every change')
    .option('--content <dir>', 'vault folder', undefined)
    .option('--config <file>', 'config file (default: <vault>/grove.config.yaml)')
    .option('--base-url <url>', 'absolute URL of the site, for feeds, sitemap and canonical links')
    .option('--port <n>', 'port to listen on (0 picks a free one)', '8080')
    .option('--host <host>', 'address to bind; other machines can connect only if you change it', '127.0.0.1')
    .option('--open', 'open the site in the default browser')
    .action(async (arg: string | undefined, flags: CommonFlags & { port: string; host: string; open?: boolean }) => {
      const vault = vaultFrom(arg, flags)
      const port = Number(flags.port)
      if (!/^\d+$/.test(flags.port) || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, got ${flags.port}`)
      const overrides = flags.baseUrl !== undefined ? { baseUrl: flags.baseUrl } : {}
      const configPath = flags.config ? path.resolve(flags.config) : undefined
      const { serve } = await import('./serve/serve.js')
      try {
        await serve({ vaultDir: vault, port, host: flags.host, open: flags.open, configPath, overrides, color: !!process.stderr.isTTY })
      } catch (e) {
        const code = (e as { code?: string }).code
        if (code === 'EADDRINUSE') throw new UsageError(`port ${port} on ${flags.host} is already in use; pass another --port (0 picks a free one)`)
        if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new UsageError(`cannot listen on --host ${flags.host}`)
        throw e
      }
      setExit(0)
    })

  return program
}

export async function main(argv: string[]): Promise<void> {
  let code = 0
  const debug = argv.includes('--debug')
  try {
    await createProgram((c) => (code = c)).parseAsync(argv, { from: 'user' })
  } catch (e) {
    if (e instanceof CommanderError) code = e.exitCode === 0 ? 0 : 2
    else if (e instanceof UsageError || e instanceof ConfigError) {
      process.stderr.write(`grove: ${e.message}\n`)
      code = 2
    } else {
      const err = e as Error
      process.stderr.write(`grove: internal error: ${err.message}\nThis is a bug in Grove; please report it with the command you ran.\n`)
      if (debug) process.stderr.write(`${err.stack}\n${err.cause instanceof Error ? `cause: ${err.cause.stack}\n` : ''}`)
      else process.stderr.write('Run again with --debug for the stack trace.\n')
      code = 70
    }
  }
  process.exitCode = code
}
