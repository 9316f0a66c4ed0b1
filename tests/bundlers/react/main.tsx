// React 19 through Vite, written as README shows: the element with attributes and an event
// prop, and mount() for a list React renders from data.
import { StrictMode, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'maqal';
import { init, mount } from 'maqal/api';
import type {} from 'maqal/react';

type Teaser = { id: string; article: object };

/** One article of a list, drawn by mount() and taken out when React removes it. */
function ArticleCard({ article, lang }: { article: object; lang: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let handle: ReturnType<typeof mount> | undefined;
    let gone = false;
    init().then(() => {
      if (!gone && host.current) handle = mount(host.current, article, { lang });
    });
    return () => {
      gone = true;
      handle?.unmount();
    };
  }, [article, lang]);
  return <div className="card" ref={host} />;
}

function App() {
  const [lang, setLang] = useState('ar');
  const [shown, setShown] = useState(true);
  const [shared, setShared] = useState('');
  const [teasers, setTeasers] = useState<Teaser[]>([]);
  useEffect(() => {
    Promise.all(['en', 'fr'].map(async (id) => ({ id, article: await (await fetch(`/demo/articles/${id}.json`)).json() })))
      .then(setTeasers);
  }, []);
  return (
    <StrictMode>
      <button id="lang" type="button" onClick={() => setLang(lang === 'ar' ? 'en' : 'ar')}>{lang}</button>
      <button id="toggle" type="button" onClick={() => setShown(!shown)}>{shown ? 'hide' : 'show'}</button>
      <button id="drop" type="button" onClick={() => setTeasers(teasers.slice(1))}>drop</button>
      <output id="shared">{shared}</output>
      {shown && (
        <maqal-article
          id="lead"
          src="/demo/articles/seed.json"
          lang={lang}
          share-url="https://example.com/news/workshop"
          utm-campaign="react"
          onmaqal-share={(event) => setShared(`${event.detail.method} ${event.detail.url}`)}
        />
      )}
      <section id="list">
        {teasers.map((t) => <ArticleCard key={t.id} article={t.article} lang={lang} />)}
      </section>
    </StrictMode>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
