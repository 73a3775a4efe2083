search-outreach-on = ✉️ Pushes offer “Reach out”: on · { $name }
search-outreach-off = ✉️ Pushes offer “Reach out”: off · { $name }
search-outreach-offered = Pushes of “{ $name }” now carry “Reach out”: a preview you confirm, never a message sent by itself.
search-outreach-dropped = Pushes of “{ $name }” no longer carry “Reach out”.
