// The institution's form: it sets the element's options property as the visitor
// changes a field, and lists the checks the element reports after each render.

const form = document.getElementById("case-form");
const agreement = document.getElementById("agreement");
const checks = document.getElementById("checks");

/** The options for the current state of the form, in the shape of an options file. */
function optionsFromForm() {
  const field = (name) => form.elements.namedItem(name);
  const share = Number(field("share0").value);
  const costs = { allocation: field("costs").value };
  if (costs.allocation === "stated-shares") costs.shares = [share, 100 - share];
  return {
    case: { reference: field("reference").value, locale: field("locale").value },
    mediator: { name: field("mediator").value, organisation: "Northbridge Dispute Resolution Centre" },
    parties: [
      { name: field("party0").value, role: "Claimant" },
      { name: field("party1").value, role: "Respondent" },
    ],
    platform: { kind: field("platform").value },
    recording: { policy: field("recording").value },
    breakout_rooms: { enabled: field("breakout").checked },
    costs,
  };
}

function update() {
  agreement.options = optionsFromForm();
  agreement.documentKind = form.elements.namedItem("document").value;
}

agreement.addEventListener("caucus-diagnostics", (event) => {
  const items = event.detail.map((d) => {
    const item = document.createElement("li");
    item.className = d.severity;
    item.textContent = d.path ? `${d.message} (${d.path})` : d.message;
    if (d.hint) item.title = d.hint;
    return item;
  });
  if (items.length === 0) {
    const item = document.createElement("li");
    item.textContent = "No problems found.";
    items.push(item);
  }
  checks.replaceChildren(...items);
});

form.addEventListener("input", update);
form.addEventListener("change", update);
form.addEventListener("submit", (event) => event.preventDefault());
update();
