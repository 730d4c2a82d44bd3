/*
 * The eligibility page's self-check.
 *
 * Privacy: it reads the ticked boxes and writes a few sentences into its own result line:
 * what each ticked sentence means, read from the note under it in the page.
 * It sends nothing, stores nothing (no cookies, no localStorage) and changes nothing
 * outside its own box. It never tells anyone they can have the treatment: every answer
 * ends by sending the reader to their doctor or to a consultation. A sign that something
 * else may be causing the hair loss (the list marked hc-see-doctor-first: sudden or patchy
 * loss, a sore scalp, scarring, a new medicine) sends the reader to their own doctor or a
 * dermatologist first, never to book with the clinic: some of these causes scar the roots.
 */
(function () {
  "use strict";

  var NEXT_STEP = "Please talk to your doctor, or book a consultation.";
  var DOCTOR_FIRST =
    "This is not a reason to book with us: please see your own doctor or a dermatologist first.";
  // Every sentence of the first list is one of our rules: no consultation to sell them.
  var OTHER_WAYS = "Please talk to your own doctor about other ways to help your hair loss.";

  // `notes`: what each ticked sentence means, from the note under it in the page (the clinic's
  // rule, "see a doctor first", and for a blood thinner "do not stop it"), each said once.
  // `doctorFirst`: ticked signs that something else causes the loss (hc-see-doctor-first).
  function message(ticked, notes, doctorFirst) {
    if (ticked === 0) {
      return (
        "You have not ticked anything. This does not show that the treatment is right " +
        "for you. Only a doctor can tell, after a consultation and tests. " + NEXT_STEP
      );
    }
    var count = ticked === 1 ? "1 sentence" : ticked + " sentences";
    var meaning = notes.length
      ? notes.join(" ")
      : "This can mean the treatment is not safe for you, or that something else is " +
        "causing your hair loss.";
    if (doctorFirst > 0) {
      return (
        "You ticked " + count + ". " + meaning + " Some of these causes scar the hair roots " +
        "if they are not treated soon. " + DOCTOR_FIRST
      );
    }
    return "You ticked " + count + ". " + meaning + " " + OTHER_WAYS;
  }

  function notesOf(checkbox) {
    var item = checkbox.closest("li");
    var found = item ? item.querySelectorAll(".hc-self-check__note") : [];
    var out = [];
    for (var i = 0; i < found.length; i++) {
      out.push(found[i].textContent.replace(/\s+/g, " ").trim());
    }
    return out;
  }

  function setUp(box) {
    // Material's instant navigation can hand us the same page again: bind once.
    if (box.hasAttribute("data-self-check-ready")) return;
    box.setAttribute("data-self-check-ready", "");
    var result = box.querySelector("[data-self-check-result]");
    var boxes = box.querySelectorAll("input[type=checkbox]");
    if (!result) return;
    // Live region: screen readers read the new sentence after each tick.
    result.setAttribute("aria-live", "polite");
    function update() {
      var ticked = 0;
      var notes = [];
      var doctorFirst = 0;
      for (var i = 0; i < boxes.length; i++) {
        if (!boxes[i].checked) continue;
        ticked++;
        if (boxes[i].closest(".hc-see-doctor-first")) doctorFirst++;
        var own = notesOf(boxes[i]);
        for (var k = 0; k < own.length; k++) {
          if (own[k] && notes.indexOf(own[k]) < 0) notes.push(own[k]);
        }
      }
      result.textContent = message(ticked, notes, doctorFirst);
    }
    box.addEventListener("change", update);
    update();
  }

  function setUpAll() {
    var found = document.querySelectorAll("[data-self-check]");
    for (var i = 0; i < found.length; i++) setUp(found[i]);
  }

  // Material emits document$ on the first load and after every instant navigation.
  if (typeof document$ !== "undefined" && document$.subscribe) {
    document$.subscribe(setUpAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
