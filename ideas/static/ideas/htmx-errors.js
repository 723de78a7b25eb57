// A refused vote or comment comes back as 400, 403 or 429 (slow down) with the piece of page that says why;
// htmx leaves error responses unswapped by default, so let these through.
document.addEventListener("htmx:beforeSwap", (event) => {
  if ([400, 403, 429].includes(event.detail.xhr.status)) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
