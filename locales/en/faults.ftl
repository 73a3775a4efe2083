button-invalid = This button is out of date or damaged. Open the screen again from the menu.
button-already-done = Already done: this press was handled a moment ago.
push-withdrawn = ⚠️ The request “{ $title }” you are working on was deleted from every chat it was posted in. It is out of the feed; its card and your notes stay.
