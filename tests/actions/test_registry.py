"""Every action in domain.yml has a class, and every class is in domain.yml."""

from rasa_sdk.executor import ActionExecutor


def test_actions_match_domain(domain):
    executor = ActionExecutor()
    executor.register_package("actions")
    assert set(executor.actions) == set(domain["actions"])


def test_class_names_map_to_action_names():
    from rasa_sdk import Action

    import actions.answer
    import actions.clarify
    import actions.handoff

    for module in (actions.answer, actions.clarify, actions.handoff):
        for name, cls in vars(module).items():
            if isinstance(cls, type) and issubclass(cls, Action) and cls is not Action:
                expected = "".join(part.title() for part in cls().name().split("_"))
                assert name == expected
