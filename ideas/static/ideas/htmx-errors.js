// A refused vote or comment comes back as 400 or 403 with the piece of page that says why;
// htmx leaves error responses unswapped by default, so let these two through.
document.addEventListener("htmx:beforeSwap", (event) => {
  if ([400, 403].includes(event.detail.xhr.status)) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
