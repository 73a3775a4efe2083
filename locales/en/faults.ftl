button-invalid = This button is out of date or damaged. Open the screen again from the menu.
button-already-done = Already done: this press was handled a moment ago.
