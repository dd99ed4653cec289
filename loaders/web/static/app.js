// parkdb serve: the only script. The pages work without it; it fills the "add a missed
// figure" form from a selection in the article, and makes error pages' Back go back.
(function () {
  "use strict";
  var text = document.getElementById("article-text");
  var quote = document.getElementById("add-quote");
  if (text && quote) {
    text.addEventListener("mouseup", fill);
    text.addEventListener("keyup", fill);
  }
  function fill() {
    var sel = window.getSelection();
    if (!sel || sel.isCollapsed || !text.contains(sel.anchorNode)) { return; }
    var chosen = sel.toString().trim();
    if (chosen) { quote.value = chosen; }
  }
  var back = document.querySelector("[data-back]");
  if (back && window.history.length > 1) {
    back.addEventListener("click", function (e) { e.preventDefault(); window.history.back(); });
  }
})();
