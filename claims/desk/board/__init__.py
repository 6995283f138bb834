"""The contradiction board (/desk/contradictions/): open contradictions by event and measure, the moves
that settle them, the cards other desk pages show, and the open-count badge (`badges`)."""
