// Progressive enhancement only: every form works without this script.
// 1. A file dropped on the drop zone goes into the file input.
// 2. A form with data-confirm asks before it is sent.
// 3. A button with data-print prints the page (it stays hidden without this script).
document.addEventListener("DOMContentLoaded", () => {
  for (const zone of document.querySelectorAll("[data-dropzone]")) {
    const input = zone.querySelector('input[type="file"]');
    const status = zone.querySelector("[data-dropzone-status]");
    const say = () => {
      if (status && input.files.length) {
        status.textContent = "Fichier choisi : " + input.files[0].name;
      }
    };
    input.addEventListener("change", say);
    zone.addEventListener("dragover", (event) => {
      event.preventDefault();
      zone.classList.add("over");
    });
    zone.addEventListener("dragleave", () => zone.classList.remove("over"));
    zone.addEventListener("drop", (event) => {
      event.preventDefault();
      zone.classList.remove("over");
      if (event.dataTransfer && event.dataTransfer.files.length) {
        input.files = event.dataTransfer.files;
        say();
      }
    });
  }
  for (const form of document.querySelectorAll("form[data-confirm]")) {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) {
        event.preventDefault();
      }
    });
  }
  for (const button of document.querySelectorAll("[data-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
});
