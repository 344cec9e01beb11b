/**
 * The live-reload client: one small inline <script> the preview server adds to every HTML
 * response (never to the build output). It listens to the server's events and reloads its page
 * only when one of its own files (or a script it loads) changed, restoring the scroll position;
 * swaps changed stylesheets in place; and shows an overlay while the latest update has problems.
 * While the overlay names this page's own source, the reload waits, so the tab keeps the last
 * good version until the file is fixed. It reconnects by itself, asking for what it missed.
 */

/** The reserved path of the event stream; no site file can live there (ASSET_DIR holds no `events`). */
export const EVENTS_PATH = '/_grove/events'

/** Marks the injected tag so it can be recognised (and stripped by tests comparing with a build). */
export const LIVE_ATTR = 'data-grove-live'

export interface ClientOptions {
  /** Site files whose change means this page must reload: the served file and the ones its URL could map to. */
  files: string[]
  /** Generation of the site the page was served from. */
  gen: number
  /** Identifies the server process; a restarted server tells old pages to reload. */
  id: string
}

// Runs in the browser. Kept dependency-free and ES2017 so it works in any current browser.
const CLIENT = `(function(){
var C=__OPTS__,K='grove-scroll:'+location.pathname,pending=false,es=null,timer=null;
try{var y=sessionStorage.getItem(K);if(y!==null){sessionStorage.removeItem(K);var go=function(){window.scrollTo(0,+y)};go();addEventListener('load',go)}}catch(e){}
function sitePath(u){try{return decodeURIComponent(new URL(u,location.href).pathname).replace(/^\\//,'')}catch(e){return''}}
function reload(){try{sessionStorage.setItem(K,String(scrollY))}catch(e){}location.reload()}
function overlay(list){var o=document.getElementById('grove-overlay'),sig=JSON.stringify(list),gone;
try{gone=sessionStorage.getItem('grove-overlay-dismissed')===sig}catch(e){}
if(!list.length||gone){if(o)o.remove();return}
if(!o){o=document.createElement('div');o.id='grove-overlay';o.setAttribute('role','alert');
o.style.cssText='position:fixed;z-index:2147483647;left:0;right:0;bottom:0;max-height:50vh;overflow:auto;background:#1e1e1e;color:#f5f5f5;font:13px/1.5 ui-monospace,monospace;padding:12px 16px;border-top:3px solid #e5484d;box-shadow:0 -4px 16px rgba(0,0,0,.3)';
document.body.appendChild(o)}
o.textContent='';var b=document.createElement('button');b.type='button';b.textContent='\\u00d7';b.setAttribute('aria-label','Dismiss');
b.style.cssText='float:right;background:none;border:0;color:inherit;font-size:18px;cursor:pointer';b.onclick=function(){o.remove();try{sessionStorage.setItem('grove-overlay-dismissed',sig)}catch(e){}};o.appendChild(b);
var h=document.createElement('strong');h.textContent='Grove: the latest change has problems; showing the last good page';o.appendChild(h);
list.forEach(function(d){var p=document.createElement('div');p.className='grove-overlay-item';
var w=document.createElement('span');w.style.color='#7cc4ff';w.textContent=d.file?d.file+':'+d.line+':'+d.column:'(site)';p.appendChild(w);
p.appendChild(document.createTextNode('  '+d.severity+'  '+d.message+'  '+d.ruleId));o.appendChild(p)})}
function swapCss(files){document.querySelectorAll('link[rel~="stylesheet"][href]').forEach(function(l){
if(files.indexOf(sitePath(l.href))<0)return;var n=l.cloneNode();var u=new URL(l.href);u.searchParams.set('grove',String(Date.now()));
n.href=u.href;n.onload=n.onerror=function(){l.remove()};l.after(n)})}
function onUpdate(d){var ov=d.overlay||[];C.gen=d.gen;overlay(ov);
if(d.reload){reload();return}
var mine=C.files.slice();document.querySelectorAll('script[src]').forEach(function(s){mine.push(sitePath(s.src))});
var touched=(d.changed||[]).concat(d.removed||[]).some(function(f){return mine.indexOf(f)>=0});
var broken=ov.some(function(x){return x.page&&C.files.indexOf(x.page)>=0});
if(touched)pending=true;else swapCss((d.changed||[]).filter(function(f){return/\\.css$/.test(f)}));
if(pending&&!broken)reload()}
function connect(){var q='?since='+C.gen+'&id='+encodeURIComponent(C.id)+C.files.map(function(f){return'&f='+encodeURIComponent(f)}).join('');
es=new EventSource('__EVENTS__'+q);
es.addEventListener('update',function(e){onUpdate(JSON.parse(e.data))});
es.onerror=function(){es.close();clearTimeout(timer);timer=setTimeout(connect,1000)}}
C.apply=onUpdate;window.__grove_live=C;connect()})()`

const CLIENT_CODE = CLIENT.replace('__EVENTS__', EVENTS_PATH)

/** The inline script tag for one served page. */
export function liveReloadTag(opts: ClientOptions): string {
  // JSON inside <script>: escape `<` so a file name can never close the tag.
  const json = JSON.stringify(opts).replace(/</g, '\\u003c')
  return `<script ${LIVE_ATTR}>${CLIENT_CODE.replace('__OPTS__', () => json)}</script>`
}

/** Adds the live-reload tag to an HTML page, just before `</body>` (or at the end). */
export function injectLiveReload(html: string, opts: ClientOptions): string {
  const tag = liveReloadTag(opts)
  const at = html.lastIndexOf('</body>')
  return at >= 0 ? html.slice(0, at) + tag + html.slice(at) : html + tag
}

/** Removes the injected tag again: what remains is byte-equal to the built page. */
export function stripLiveReload(html: string): string {
  return html.replace(new RegExp(`<script ${LIVE_ATTR}>[\\s\\S]*?</script>`), '')
}
