"""The safety layer: recognise crisis, abuse and danger in a message and say the right help first.

`detector` finds the situations (patterns from data/safety/detection.yml, compiled once);
`catalogue` holds what is said for each (data/safety/replies.yml and lines.yml, with sources);
`reply` renders one reply. The NLU component `bot.nlu.safety_classifier` runs the detector on
every message; the action `action_safety` says the replies.
"""
