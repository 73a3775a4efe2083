pager-range = { $first }–{ $last } из { $total }
