// From Material for MkDocs 9.8.1, partials/javascripts/content.html (inline there; a file here so
// the Content-Security-Policy needs no 'unsafe-inline'). Opens the tab a link's #hash points to.
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
