bench-form-title = <b>New developer</b>
bench-form-hint = Tap a field to fill it; only the name is required. Then save.
bench-form-save = 💾 Save
bench-form-cancel = ✖ Cancel
bench-form-cancelled = The form is closed; nothing was saved.
bench-form-need-name = Fill in the name first.
bench-form-saved = Saved to the bench.
