/* Office inbox: insert the chosen canned reply into the reply box (where the cursor is, or at the end).
   A file of its own because the pages' CSP allows no inline script. The text is set as a value, never as HTML. */
(function () {
  "use strict";
  var select = document.getElementById("canned-select");
  var button = document.getElementById("canned-insert");
  if (!select || !button) return;
  var box = document.getElementById(select.dataset.target);
  button.hidden = false;
  button.addEventListener("click", function () {
    var option = select.options[select.selectedIndex];
    var text = option && option.value ? option.dataset.text : "";
    if (!text || !box) return;
    var start = box.selectionStart == null ? box.value.length : box.selectionStart;
    var end = box.selectionEnd == null ? start : box.selectionEnd;
    box.value = box.value.slice(0, start) + text + box.value.slice(end);
    box.focus();
    box.selectionStart = box.selectionEnd = start + text.length;
  });
})();
