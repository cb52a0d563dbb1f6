/* Aizu resident assistant chat widget. Embed with:
   <script src="https://HOST/static/widget.js" data-municipality="kitakata" defer></script>
   No dependencies, no external requests except the assistant's own API, which also serves the
   widget's texts (data/ui/widget.yml, GET /widget/texts.json): nothing is shown until they arrive.
   All text is inserted with textContent, never innerHTML, so nothing a user or the bot sends runs. */
(function () {
  "use strict";
  var script = document.currentScript;
  var municipality = (script && script.dataset.municipality) || null;
  var apiBase = script ? new URL(script.src, location.href).origin : location.origin;
  var storeKey = "aizu-chat:" + (municipality || "region");
  var link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = apiBase + "/static/widget.css";
  document.head.appendChild(link);

  function start(UI) {
    function load() {
      try { return JSON.parse(localStorage.getItem(storeKey)) || null; } catch (e) { return null; }
    }
    function newSender() {
      var bytes = new Uint8Array(12);
      (window.crypto || window.msCrypto).getRandomValues(bytes);
      return "w-" + Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
    }
    var state = load() || { sender: newSender(), history: [], receipts: [] };
    state.receipts = state.receipts || [];
    state.seen = state.seen || {}; // receipt -> the replied_at of the office reply the resident has read
    function save() {
      try { localStorage.setItem(storeKey, JSON.stringify(state)); } catch (e) { /* private mode */ }
    }

    function el(tag, attrs, text) {
      var node = document.createElement(tag);
      Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
      if (text != null) node.textContent = text;
      return node;
    }

    var root = el("div", { class: "aizu-chat", lang: "ja" });
    var toggle = el("button", { type: "button", class: "aizu-chat__toggle", "aria-expanded": "false",
                                "aria-controls": "aizu-chat-panel" }, UI.open);
    var panel = el("section", { id: "aizu-chat-panel", class: "aizu-chat__panel", "aria-label": UI.title, hidden: "" });
    var header = el("div", { class: "aizu-chat__header" });
    var heading = el("h2", { class: "aizu-chat__title" }, UI.title);
    var clearBtn = el("button", { type: "button", class: "aizu-chat__clear" }, UI.clear);
    var closeBtn = el("button", { type: "button", class: "aizu-chat__close", "aria-label": UI.close }, "×");
    var checkBtn = el("button", { type: "button", class: "aizu-chat__clear", hidden: "" }, UI.check);
    header.append(heading, checkBtn, clearBtn, closeBtn);
    var log = el("div", { class: "aizu-chat__log", role: "log", "aria-live": "polite", "aria-label": UI.log, tabindex: "0" });
    var status = el("p", { class: "aizu-chat__status", role: "status", "aria-live": "polite" });
    var form = el("form", { class: "aizu-chat__form" });
    var label = el("label", { for: "aizu-chat-input", class: "aizu-chat__sr" }, UI.placeholder);
    var input = el("input", { id: "aizu-chat-input", type: "text", maxlength: "500", autocomplete: "off",
                              placeholder: UI.placeholder, class: "aizu-chat__input" });
    var sendBtn = el("button", { type: "submit", class: "aizu-chat__send" }, UI.send);
    form.append(label, input, sendBtn);
    panel.append(header, log, status, form);
    // Shown when an office reply has arrived that the resident has not read yet (checked on each visit).
    var badge = el("button", { type: "button", class: "aizu-chat__badge", hidden: "" }, UI.newReply);
    root.append(toggle, badge, panel);

    // The text with each phone number the server marked turned into a tel: link (built as nodes).
    function textWithPhones(text, phones) {
      var p = el("p", {});
      var rest = text;
      while (rest) {
        var best = null;
        (phones || []).forEach(function (ph) {
          var at = rest.indexOf(ph.number);
          if (at >= 0 && (best === null || at < best.at)) best = { at: at, ph: ph };
        });
        if (best === null || !/^tel:[0-9%]+$/.test(best.ph.tel)) { p.appendChild(document.createTextNode(rest)); break; }
        p.appendChild(document.createTextNode(rest.slice(0, best.at)));
        p.appendChild(el("a", { href: best.ph.tel, class: "aizu-chat__tel" }, best.ph.number));
        rest = rest.slice(best.at + best.ph.number.length);
      }
      return p;
    }

    function addBubble(entry) {
      var item = el("div", { class: "aizu-chat__msg aizu-chat__msg--" + entry.from });
      item.appendChild(el("span", { class: "aizu-chat__sr" }, (entry.from === "user" ? UI.you : UI.bot) + ": "));
      item.appendChild(textWithPhones(entry.text, entry.phones));
      if (entry.buttons && entry.buttons.length && entry.live) {
        var group = el("div", { class: "aizu-chat__buttons", role: "group" });
        entry.buttons.forEach(function (b) {
          var btn = el("button", { type: "button", class: "aizu-chat__choice" }, b.title);
          btn.addEventListener("click", function () { send(b.payload, b.title); });
          group.appendChild(btn);
        });
        item.appendChild(group);
      }
      if (entry.feedback && !entry.feedback.sent) {
        var fb = el("div", { class: "aizu-chat__buttons", role: "group", "aria-label": UI.feedbackGroup });
        [["up", "👍 " + UI.helpful], ["down", "👎 " + UI.notHelpful]].forEach(function (pair) {
          var b = el("button", { type: "button", class: "aizu-chat__choice aizu-chat__feedback" }, pair[1]);
          b.addEventListener("click", function () { sendFeedback(entry, pair[0]); });
          fb.appendChild(b);
        });
        item.appendChild(fb);
      }
      log.appendChild(item);
      log.scrollTop = log.scrollHeight;
    }
    function sendFeedback(entry, value) {
      entry.feedback.sent = true;
      var body = { sender_id: state.sender, value: value, topic: entry.feedback.topic || undefined,
                   municipality: entry.feedback.municipality, question: entry.feedback.question,
                   faq_id: entry.feedback.faq_id || undefined };
      fetch(apiBase + "/api/feedback", { method: "POST", headers: { "Content-Type": "application/json" },
                                         body: JSON.stringify(body) }).catch(function () {});
      status.textContent = UI.thanks;
      save(); render();
    }
    function render() {
      checkBtn.hidden = !state.receipts.length;
      log.textContent = "";
      if (!state.history.length) addBubble({ from: "bot", text: UI.welcome });
      state.history.forEach(function (entry, i) {
        entry.live = i === state.history.length - 1;
        addBubble(entry);
      });
    }
    function setBusy(busy) {
      sendBtn.disabled = busy;
      status.textContent = busy ? UI.typing : "";
      root.classList.toggle("aizu-chat--busy", busy);
    }
    function showError(text) {
      status.textContent = text;
    }

    function send(message, shown) {
      if (!message || !message.trim()) return;
      state.history.push({ from: "user", text: shown || message });
      save(); render(); setBusy(true);
      var body = { sender_id: state.sender, message: message };
      if (municipality) body.municipality = municipality;
      fetch(apiBase + "/api/chat", { method: "POST", headers: { "Content-Type": "application/json" },
                                     body: JSON.stringify(body) })
        .then(function (response) {
          if (response.status === 429) {
            throw new Error(UI.limited.replace("{s}", response.headers.get("Retry-After") || "60"));
          }
          if (response.status >= 500) throw new Error(UI.down);
          if (!response.ok) throw new Error(UI.invalid);
          return response.json();
        })
        .then(function (data) {
          setBusy(false);
          data.messages.forEach(function (m) {
            state.history.push({ from: "bot", text: m.text, buttons: m.buttons || [], phones: m.phones || [] });
          });
          var meta = data.meta || {};
          if (meta.kind === "answer" && (meta.topic || meta.faq_id) && meta.municipality && state.history.length) {
            state.history[state.history.length - 1].feedback = { topic: meta.topic, faq_id: meta.faq_id,
              municipality: meta.municipality, question: shown || message };
          }
          if (data.meta && data.meta.receipt && state.receipts.indexOf(data.meta.receipt) < 0) {
            state.receipts.push(data.meta.receipt);
          }
          save(); render();
        })
        .catch(function (error) {
          setBusy(false);
          showError(navigator.onLine === false || error instanceof TypeError ? UI.offline : error.message);
        });
    }

    function openPanel(open) {
      panel.hidden = !open;
      toggle.setAttribute("aria-expanded", String(open));
      toggle.textContent = open ? UI.close : UI.open;
      if (open) { render(); input.focus(); } else { toggle.focus(); }
    }
    toggle.addEventListener("click", function () { openPanel(panel.hidden); });
    closeBtn.addEventListener("click", function () { openPanel(false); });
    panel.addEventListener("keydown", function (e) { if (e.key === "Escape") openPanel(false); });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var text = input.value;
      input.value = "";
      send(text);
    });
    function receiptStatus(receipt) {
      return fetch(apiBase + "/api/escalations/" + encodeURIComponent(receipt) + "?sender_id=" +
                   encodeURIComponent(state.sender))
        .then(function (r) { if (!r.ok) throw new Error(UI.down); return r.json(); });
    }
    function unread(d) { return Boolean(d.reply && d.replied_at && state.seen[d.receipt] !== d.replied_at); }
    function lookForReplies() {
      state.receipts.forEach(function (receipt) {
        receiptStatus(receipt).then(function (d) { if (unread(d)) badge.hidden = false; }, function () {});
      });
    }
    checkBtn.addEventListener("click", function () {
      badge.hidden = true;
      state.receipts.forEach(function (receipt) {
        receiptStatus(receipt)
          .then(function (d) {
            var text = UI.statusLine.replace("{r}", d.receipt).replace("{s}", UI.statusNames[d.status] || d.status) +
              "\n" + (d.reply ? UI.replyLine.replace("{t}", d.reply) : UI.noReply);
            state.history.push({ from: "bot", text: text });
            if (d.replied_at) state.seen[d.receipt] = d.replied_at;
            save(); render();
          })
          .catch(function (e) { showError(e.message); });
      });
    });
    badge.addEventListener("click", function () {
      if (panel.hidden) openPanel(true);
      checkBtn.click();
    });
    clearBtn.addEventListener("click", function () {
      if (!window.confirm(UI.clearConfirm)) return;
      var old = state.sender;
      var query = state.receipts.length ? "?receipts=" + encodeURIComponent(state.receipts.join(",")) : "";
      fetch(apiBase + "/api/conversations/" + encodeURIComponent(old) + query, { method: "DELETE" }).catch(function () {});
      state = { sender: newSender(), history: [], receipts: [], seen: {} };
      badge.hidden = true;
      save(); render(); input.focus();
    });

    function mount() {
      document.body.appendChild(root);
      if (state.history.length) openPanel(true);
      lookForReplies();
    }
    if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
  }

  fetch(apiBase + "/widget/texts.json")
    .then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    })
    .then(start, function (error) {
      if (window.console) window.console.warn("aizu-chat: no texts, the widget is not shown", error);
    });
})();
