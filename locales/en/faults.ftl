button-invalid = This button is out of date or damaged. Open the screen again from the menu.
