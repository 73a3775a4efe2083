pager-range = { $first }–{ $last } of { $total }
