/**
 * Shared page chrome for every emitter: relative hrefs to home and assets, breadcrumbs from
 * folder pages, and the one place a page hast tree is serialised and written.
 */
import { toHtml } from 'hast-util-to-html'
import { pageLayout, ASSET_DIR, type PageProps, type LinkItem } from '../../theme/index.js'
import { relativeHref, pageOutputPath, asOutputPath, folderOf, baseName, type OutputPath, type Slug } from '../vault/paths.js'
import type { SiteModel } from './emitter.js'
import type { Sink } from '../output/sink.js'

export type PageBody = Omit<PageProps, 'siteTitle' | 'lang' | 'homeHref' | 'assetHref' | 'canonical' | 'crumbs'> & { crumbs?: LinkItem[] }

/** Title of a folder: its `index.md` title if it has one, else the folder's name. */
export function folderTitle(site: SiteModel, folderPath: string): string {
  const f = site.index.folders.get(folderPath)
  const note = f ? site.index.bySlug.get(f.slug) : undefined
  return note?.note.title ?? (folderPath ? baseName(folderPath) : site.config.title)
}

/** Home / folder / subfolder links for a page inside `folderPath`. */
export function crumbsFor(site: SiteModel, from: OutputPath, folderPath: string): LinkItem[] {
  const crumbs: LinkItem[] = [{ title: 'Home', href: relativeHref(from, pageOutputPath('index' as Slug)) }]
  if (!folderPath) return crumbs
  const parts = folderPath.split('/')
  for (let i = 1; i <= parts.length; i++) {
    const p = parts.slice(0, i).join('/')
    const f = site.index.folders.get(p)
    if (f) crumbs.push({ title: folderTitle(site, p), href: relativeHref(from, pageOutputPath(f.slug)) })
  }
  return crumbs
}

export function canonicalUrl(site: SiteModel, output: OutputPath): string | undefined {
  if (!site.config.baseUrl) return undefined
  return site.config.baseUrl + '/' + output.split('/').map(encodeURIComponent).join('/')
}

export async function writePage(site: SiteModel, sink: Sink, output: OutputPath, body: PageBody, folderPath = folderOf(output)): Promise<void> {
  const props: PageProps = {
    siteTitle: site.config.title,
    lang: site.config.language,
    homeHref: relativeHref(output, pageOutputPath('index' as Slug)),
    assetHref: (name) => relativeHref(output, asOutputPath(`${ASSET_DIR}/${name}`)),
    canonical: canonicalUrl(site, output),
    ...body,
    crumbs: body.crumbs ?? (body.kind === 'home' ? [] : crumbsFor(site, output, folderPath)),
  }
  await sink.write(output, toHtml(pageLayout(props), { allowDangerousHtml: false }))
}
