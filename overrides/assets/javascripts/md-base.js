// From Material for MkDocs 9.8.1, partials/javascripts/base.html (inline there; a file here so the
// Content-Security-Policy needs no 'unsafe-inline'). Material built the scope from the page's
// relative base_url; this file sits two folders below the site root, which is the same address.
__md_scope=new URL("../../",document.currentScript.src),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
