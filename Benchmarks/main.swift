// monk-bench: speed and memory goals, each measured against a baseline in the same run (STYLE.md §5).
print("monk-bench: no scenarios yet")
