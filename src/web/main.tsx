/** The web UI's shell: navigation and the page for the current path. */
import { render } from 'preact';
import { DocumentsPage, ClaimsPage, FramingPage, IngestPage, ReviewPage, SpeakersPage } from './pages.js';
import { ReaderPage } from './reader.js';
import { onLinkClick, useLocation } from './router.js';
import { CrossSourcePage } from './cross-source.js';
import { NetworkPage, TimelinePage } from './viz.js';

const NAV: [string, string][] = [
  ['/', 'Documents'],
  ['/claims', 'Claims'],
  ['/speakers', 'Speakers'],
  ['/framing', 'Framing'],
  ['/timeline', 'Timeline'],
  ['/network', 'Network'],
  ['/cross-source', 'Cross-source'],
  ['/review', 'Review'],
  ['/ingest', 'Add articles'],
];

function Page(props: { path: string; query: URLSearchParams }) {
  const { path, query } = props;
  if (path.startsWith('/documents/')) return <ReaderPage id={decodeURIComponent(path.slice('/documents/'.length))} />;
  switch (path) {
    case '/':
      return <DocumentsPage query={query} />;
    case '/claims':
      return <ClaimsPage query={query} />;
    case '/speakers':
      return <SpeakersPage />;
    case '/framing':
      return <FramingPage />;
    case '/timeline':
      return <TimelinePage query={query} />;
    case '/network':
      return <NetworkPage />;
    case '/cross-source':
      return <CrossSourcePage query={query} />;
    case '/review':
      return <ReviewPage query={query} />;
    case '/ingest':
      return <IngestPage />;
    default:
      return (
        <div class="state state-error" role="alert">
          No page at {path}. <a href="/">Back to the documents</a>.
        </div>
      );
  }
}

function App() {
  const { path, query } = useLocation();
  const current = path.startsWith('/documents/') ? '/' : path;
  return (
    <div class="shell" onClick={onLinkClick}>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <a class="brand" href="/">
          claimtrace
        </a>
        <nav aria-label="Pages">
          <ul>
            {NAV.map(([href, label]) => (
              <li key={href}>
                <a href={href} aria-current={current === href ? 'page' : undefined}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <Page key={path} path={path} query={query} />
      </main>
    </div>
  );
}

render(<App />, document.getElementById('app')!);
