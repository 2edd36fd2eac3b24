"""Prose for the article, mail and document pages (written for this set)."""

import textwrap

LIBRARY = [
    "After two years behind scaffolding, the harbour library opened its doors again on Saturday "
    "morning. More than four hundred people queued along the quay before nine o'clock, some of them "
    "carrying books they had borrowed before the roof was closed in 2023.",
    "The repairs cost 3.8 million, a third more than planned. Water had found its way into the "
    "reading room through the old lead gutters, and the oak floor had to be lifted board by board, "
    "dried and laid again. The architects kept the tall windows but replaced the glass.",
    "Inside, the shelves are lower than before, so that the light from the harbour reaches the back "
    "of the room. The children's corner has moved upstairs, next to a new study room with twelve "
    "desks, and the ground floor now holds a small cafe run by volunteers.",
    "Head librarian Marta Okafor said the queue surprised her. We expected the regulars, she said, "
    "but half of these faces are new. Opening hours are longer too: the library stays open until "
    "eight on weekdays and until four on Sundays, with free wireless access throughout.",
]

COUNCIL = [
    "The city council voted on Tuesday evening to extend the night bus service to the northern "
    "districts from the first of June. The vote passed by 31 to 12 after a debate that lasted "
    "almost three hours.",
    "Under the plan, two new lines will run every thirty minutes between midnight and five in the "
    "morning, linking the hospital, the university campus and the central station. The service "
    "will be paid for by a small rise in parking fees in the old town.",
    "Shift workers at the hospital had asked for the change for years. Nurses who finish at "
    "midnight often wait more than an hour for a taxi, said Jonas Berg, who spoke for the staff "
    "union at the meeting. This will make a real difference to hundreds of people.",
    "Opponents argued that the buses would run almost empty for most of the night. The council "
    "agreed to review passenger numbers after six months and to publish them online.",
]

WEATHER = [
    "A band of heavy rain will cross the region on Thursday, bringing up to 40 millimetres in the "
    "hills and strong gusts along the coast. Drivers are advised to allow extra time and to check "
    "for closed roads before setting out.",
    "The weekend looks brighter. Saturday starts cold with patches of frost inland, but sunshine "
    "should lift temperatures to around 14 degrees by the afternoon. Sunday will be mild and dry "
    "almost everywhere.",
]

MARKET = [
    "Farmers at the Saturday market say the cold spring has pushed the first strawberries back by "
    "almost three weeks. Asparagus, on the other hand, arrived early and in large amounts, and "
    "prices have fallen to their lowest level in five years.",
    "The market itself is growing. Twelve new stalls joined this season, among them a baker from "
    "the valley, two cheese makers and a family that grows mushrooms in an old railway tunnel.",
]

RELEASE = [
    "Version 4.2 brings a faster search index, a new dark theme and better support for screen "
    "readers. Large folders now open in under a second, and the sidebar remembers which sections "
    "you collapsed.",
    "The export dialog has been redesigned. You can now choose the page size, the margins and "
    "whether comments are included, and the last settings you used are kept for the next export.",
    "Several bugs reported by users have been fixed: the app no longer freezes when a network "
    "drive disappears, dates in the file list follow your system settings, and printing a long "
    "table no longer cuts off the last row.",
    "We would like to thank everyone who tested the preview builds and sent us their reports. "
    "Version 4.3 is planned for the autumn and will focus on synchronisation between devices.",
]

GARDEN = [
    "Tomatoes need warmth, light and a steady supply of water. Sow the seeds indoors about eight "
    "weeks before the last frost, in small pots filled with fine compost, and keep them on a "
    "bright windowsill.",
    "When the seedlings have two pairs of true leaves, move each one into a larger pot. Plant them "
    "deeper than before: new roots will grow from the buried stem and make the plant stronger.",
    "Once the nights stay above ten degrees, the plants can go outside. Water them at the base in "
    "the morning, never over the leaves, and pinch out the side shoots every week.",
]

CONFIG = [
    "The configuration file is read once at start-up. Settings changed in the window are written "
    "back to the same file, so you can edit it by hand or through the app, but not both at once.",
    "Each setting has a default that is used when the file does not name it. Unknown keys are "
    "reported in the log and otherwise ignored, so an older version can read a newer file.",
]


def wrap(paragraphs, width):
    """Wraps each paragraph to lines of at most width characters."""
    return [textwrap.wrap(p, width) for p in paragraphs]
