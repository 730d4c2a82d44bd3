// Runs in the built page just before Chromium prints it to PDF (leaflets/render.py).
// The page already prints through theme.css; this adds what a leaflet needs on paper:
// the sources the page cites (a link to the sources page cannot be followed on paper) and,
// for the consultation pack, the pack's other pages after a cover.
async ({ pack, sourcesPath, title, suffix }) => {
  // theme.js has run (link addresses for print) once Material has announced the page.
  await new Promise((resolve) => document$.subscribe(() => resolve()));

  const parser = new DOMParser();
  const fetchDoc = async (path) =>
    parser.parseFromString(await (await fetch(path)).text(), "text/html");
  const sourcesDoc = location.pathname === sourcesPath ? null : await fetchDoc(sourcesPath);

  // Each cited source, in the order the page first cites it, copied from the sources page.
  const addSources = (article) => {
    if (!sourcesDoc) return;
    const ids = [];
    article.querySelectorAll("a[href]").forEach((link) => {
      const url = new URL(link.getAttribute("href"), location.href);
      const id = decodeURIComponent(url.hash.slice(1));
      if (url.pathname === sourcesPath && id && !ids.includes(id)) ids.push(id);
    });
    const entries = ids.map((id) => sourcesDoc.getElementById(id)).filter(Boolean);
    if (!entries.length) return;
    const section = document.createElement("section");
    section.className = "hc-leaflet-sources";
    section.innerHTML = "<h2>Sources for this page</h2><ol></ol>";
    entries.forEach((entry) => {
      const item = document.createElement("li");
      item.innerHTML = entry.innerHTML;
      section.querySelector("ol").append(item);
    });
    const trust = article.querySelector(".hc-trust");
    trust.parentNode.insertBefore(section, trust); // the trust box sits in the theme's page foot
  };

  const articles = [document.querySelector(".md-content article")];
  for (const path of pack.slice(1)) {
    const doc = await fetchDoc(path);
    const article = document.adoptNode(doc.querySelector(".md-content article"));
    article.style.breakBefore = "page";
    articles.at(-1).after(article);
    articles.push(article);
  }

  if (pack.length) {
    // One document: each page's ids and in-page links get their own prefix, so they stay apart.
    articles.forEach((article, n) => {
      article.querySelectorAll("[id]").forEach((node) => (node.id = `p${n}-${node.id}`));
      article.querySelectorAll('a[href^="#"]').forEach((link) => {
        link.setAttribute("href", `#p${n}-${link.getAttribute("href").slice(1)}`);
      });
    });
    const cover = document.createElement("article");
    cover.className = "md-content__inner md-typeset";
    cover.innerHTML = "<h1>Your consultation pack</h1>" +
      "<p>Bring these pages to your appointment. You can write your questions on them.</p>" +
      "<p>In this pack:</p><ol></ol>";
    articles.forEach((article) => {
      const item = document.createElement("li");
      item.textContent = heading(article);
      cover.querySelector("ol").append(item);
    });
    articles[0].before(cover);
    articles[0].style.breakBefore = "page"; // the cover has a page of its own
  }

  articles.forEach(addSources);
  hcMarkPrintAddresses(document);
  document.title = (title || heading(articles[0])) + suffix;

  function heading(article) {
    const h1 = article.querySelector("h1").cloneNode(true);
    h1.querySelectorAll(".headerlink").forEach((link) => link.remove());
    return h1.textContent.trim();
  }
  return document.title;
}
