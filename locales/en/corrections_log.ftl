card-corrected-by = ✏️ Corrected by hand (an edit of the post keeps these):
card-corrected-field = { $field }: { $who }, { $when }
card-corrected-someone = a former user
