// The reader page: lists the articles and shows one with its sections, as HTML rendered by the API.
import { contentApi, type Article } from "./client.js";

const api = contentApi(new URLSearchParams(location.search).get("api") ?? "http://127.0.0.1:8080");
const list = document.querySelector<HTMLUListElement>("#articles")!;
const view = document.querySelector<HTMLElement>("#article")!;
const status = document.querySelector<HTMLElement>("#status")!;

function text(tag: string, value: string): HTMLElement {
  const element = document.createElement(tag);
  element.textContent = value;
  return element;
}

function show(article: Article): void {
  view.replaceChildren(text("h1", article.title), text("p", article.summary));
  view.dataset["slug"] = article.slug;
  for (const section of article.sections) {
    const block = document.createElement("section");
    block.dataset["kind"] = section.kind;
    const body = document.createElement("div");
    body.className = "body";
    body.innerHTML = section.body; // HTML rendered by the API with raw HTML disabled and unsafe links removed
    block.append(text("h2", section.heading), body);
    view.append(block);
  }

  view.append(text("small", article.disclaimer));
  status.textContent = `${article.readingTimeMinutes} min read`;
}

async function main(): Promise<void> {
  const articles = await api.listArticles();
  for (const summary of articles) {
    const link = text("a", summary.title) as HTMLAnchorElement;
    link.href = `#${summary.slug}`;
    link.addEventListener("click", async (event) => {
      event.preventDefault();
      show(await api.article(summary.slug));
    });
    const item = document.createElement("li");
    item.append(link);
    list.append(item);
  }

  status.textContent = `${articles.length} articles`;
}

main().catch((error: unknown) => {
  status.textContent = `error: ${String(error)}`;
});
