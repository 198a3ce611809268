"""Text knowledge every stage shares, below all of them: where Japanese text may break
(:mod:`.segment`, BudouX phrases) and how wide it sets before layout (:mod:`.metrics`)."""
