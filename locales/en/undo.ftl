undo-button = ↩️ Undo ({ $seconds } s)
undo-too-late = Too late to undo: more than 30 seconds have passed.
card-unhidden = The request is back in your feed
search-delete-named = 🗑 Delete
search-delete-ask = Delete the search “{ $name }”? Its notifications will stop.
search-delete-yes = 🗑 Yes, delete
search-delete-no = ✖️ No, keep it
