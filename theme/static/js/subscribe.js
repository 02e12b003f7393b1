// The Subscribe page's filter: type part of a name to see only the feeds whose name has it.
const filter = document.querySelector("#feed-filter");
const status = document.querySelector("#feed-filter-status");
const none = document.querySelector("#feed-filter-none");
const groups = [...document.querySelectorAll(".feed-group")];
const plain = (text) => text.normalize("NFKD").replace(/\p{M}/gu, "").toLocaleLowerCase();

filter.closest(".feed-filter").hidden = false;
filter.addEventListener("input", () => {
  const wanted = plain(filter.value.trim());
  let shown = 0;
  for (const group of groups) {
    let inGroup = 0;
    for (const item of group.querySelectorAll("li")) {
      item.hidden = !plain(item.dataset.name).includes(wanted);
      if (!item.hidden) inGroup += 1;
    }
    group.hidden = inGroup === 0;
    shown += inGroup;
  }
  none.hidden = shown > 0;
  status.textContent = wanted ? `${shown} feed${shown === 1 ? "" : "s"} match “${filter.value.trim()}”` : "";
});
