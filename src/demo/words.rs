//! Word lists and sentence templates for synthetic notes. `{key}` in a
//! template is replaced by a random entry of the list named `key`; `{n}` is
//! the client's first name. Every name here is invented.

/// Given names (common; paired with invented family names below).
pub const GIVEN: &[&str] = &[
    "Ada", "Bea", "Cal", "Dot", "Eli", "Fay", "Gus", "Hal", "Ida", "Jem", "Kit", "Lou", "Mo",
    "Nia", "Oti", "Pip", "Quin", "Roz", "Sol", "Tam", "Una", "Vic", "Wyn", "Xan", "Yas", "Zed",
    "Arlo", "Bryn", "Cora", "Dara", "Edie", "Finn", "Gwen", "Huw", "Isla", "Joss", "Kai", "Lyra",
    "Mabli", "Nell", "Orla", "Pearl", "Rhys", "Sian", "Tegan", "Ulla", "Vera", "Wren",
];

/// First halves of invented family names.
pub const FAMILY_A: &[&str] = &[
    "Thistle", "Bracken", "Quill", "Marrow", "Hazel", "Fern", "Cobble", "Amber", "Birch", "Copper",
    "Elder", "Fallow", "Gorse", "Heather", "Juniper", "Kestrel", "Larch", "Moss", "Nettle",
    "Pebble", "Rowan", "Sorrel", "Teasel", "Umber", "Vetch", "Willow", "Yarrow",
];

/// Second halves of invented family names.
pub const FAMILY_B: &[&str] = &[
    "wood", "field", "by", "combe", "well", "ford", "hurst", "worth", "ley", "stone", "brook",
    "dale", "more", "cote", "ridge",
];

/// Roles in a client's network.
pub const ROLES: &[&str] = &[
    "GP",
    "Psychiatrist",
    "Care coordinator",
    "Advocate",
    "Housing officer",
    "Mother",
    "Father",
    "Sister",
    "Brother",
    "Friend",
    "Support worker",
    "Interpreter",
    "Benefits adviser",
];

/// Children's-service network roles.
pub const CHILD_ROLES: &[&str] = &[
    "Mother",
    "Father",
    "Grandmother",
    "Foster carer",
    "School designated safeguarding lead",
    "Health visitor",
    "School nurse",
    "Independent reviewing officer",
    "Paediatrician",
    "Youth worker",
    "Aunt",
    "Family support worker",
];

/// Openers for adult mental health notes, with the kind of contact (its code).
pub const ADULT_OPEN: &[(&str, &str)] = &[
    ("home-visit", "Visited {n} at home as planned."),
    (
        "home-visit",
        "Joint visit with the {prof} to see {n} at home.",
    ),
    (
        "home-visit",
        "Unannounced visit after a call from the {prof}.",
    ),
    ("phone", "Phoned {n} to follow up on last week's visit."),
    ("phone", "{n} rang the duty line and asked to speak to me."),
    (
        "office",
        "{n} attended the office for a planned appointment.",
    ),
    (
        "hospital",
        "Saw {n} on the ward with the named nurse present.",
    ),
    (
        "video",
        "Video call with {n}; the connection was poor at times.",
    ),
    ("review", "Review meeting with {n} and the {prof}."),
];

/// Openers for children's services notes, with the kind of contact.
pub const CHILD_OPEN: &[(&str, &str)] = &[
    (
        "home-visit",
        "Home visit; {n} was seen alone in their bedroom.",
    ),
    (
        "home-visit",
        "Statutory visit to {n} at the foster placement.",
    ),
    (
        "home-visit",
        "Unannounced visit after a referral from the {prof}.",
    ),
    (
        "other",
        "Visited {n} at school and spoke with them in the quiet room.",
    ),
    (
        "phone",
        "Phoned the {prof} to follow up on the strategy discussion.",
    ),
    ("office", "Saw {n} with their mother at the family centre."),
    ("meeting", "Attended the core group meeting about {n}."),
    ("review", "Review meeting about {n} chaired by the {prof}."),
];

/// Middle sentences, adults.
pub const ADULT_MID: &[&str] = &[
    "{n} appeared {mood} and was {appearance}.",
    "The flat was {home}.",
    "{n} said sleep has been {sleep} over the past {period}.",
    "{n} reported {issue}.",
    "We talked about {topic}.",
    "{n} raised concerns about {topic}.",
    "Discussed {topic}; {n} agreed to think about the options before we next meet.",
    "Medication was discussed; {n} says they are taking it as prescribed most days.",
    "{n} spoke warmly about their {strength}.",
    "There was food in the fridge and the heating was on.",
];

/// Middle sentences, children.
pub const CHILD_MID: &[&str] = &[
    "{n} appeared {mood} and was {appearance}.",
    "The home was {home}.",
    "{n} said they have been sleeping {sleep} over the past {period}.",
    "{n} talked about {ctopic}.",
    "Mother raised concerns about {ctopic}.",
    "School report attendance of {attend} this term.",
    "{n} showed me a drawing and talked about their {strength}.",
    "The bedroom was clean, with a bed, bedding and toys appropriate to age.",
    "Discussed the plan with the parents; they agreed to {cplan}.",
];

/// Risk sentences.
pub const RISK: &[&str] = &[
    "No new risks identified.",
    "Risk reviewed: no change from the current risk summary.",
    "{n} denied thoughts of self-harm when asked directly.",
    "Safety plan reviewed together; the crisis line number is on the fridge.",
    "No safeguarding concerns observed during the visit.",
];

/// Closing sentences.
pub const CLOSE: &[&str] = &[
    "Plan: next contact {when}.",
    "Will liaise with the {prof} about {topic}.",
    "Agreed next visit {when}; {n} knows how to reach the duty team.",
    "Plan: update the care plan and share it with the {prof}.",
    "Action: chase the referral to the {prof} by {when}.",
];

/// Looked-up word lists: key, entries.
pub const LISTS: &[(&str, &[&str])] = &[
    (
        "mood",
        &[
            "settled",
            "low in mood",
            "brighter than last time",
            "anxious",
            "tired but engaged",
            "irritable at first, then calmer",
            "cheerful",
            "quiet and withdrawn",
        ],
    ),
    (
        "appearance",
        &[
            "well kempt",
            "dishevelled",
            "appropriately dressed",
            "wearing the same clothes as last week",
            "clean and tidy",
            "noticeably thinner",
        ],
    ),
    (
        "home",
        &[
            "tidy and warm",
            "cluttered but safe",
            "cold, with the heating off",
            "clean, with new curtains up",
            "untidy, with unopened post on the table",
            "calm and organised",
        ],
    ),
    (
        "sleep",
        &[
            "poor",
            "better",
            "broken",
            "much improved",
            "variable",
            "fine",
        ],
    ),
    ("period", &["week", "fortnight", "few days", "month"]),
    (
        "issue",
        &[
            "hearing voices less often",
            "arguments with a neighbour",
            "money worries after a benefits change",
            "feeling lonely at weekends",
            "a good week at the allotment",
            "missing two appointments",
            "drinking more than usual",
            "a new volunteering role",
        ],
    ),
    (
        "topic",
        &[
            "the housing application",
            "the upcoming review",
            "contact with family",
            "the benefits appeal",
            "returning to college",
            "the medication side effects",
            "the tenancy warning letter",
            "the crisis plan",
            "an advocacy referral",
        ],
    ),
    (
        "ctopic",
        &[
            "friendships at school",
            "contact with dad",
            "the new baby",
            "bedtime routines",
            "worries about moving house",
            "football practice",
            "being bullied online",
            "their exams",
        ],
    ),
    (
        "strength",
        &[
            "cooking",
            "art",
            "dog",
            "football",
            "garden",
            "music",
            "sister",
            "faith community",
        ],
    ),
    ("attend", &["97%", "88%", "74%", "62%", "91%"]),
    (
        "cplan",
        &[
            "keep the bedtime routine",
            "attend the parenting course",
            "take him to the dentist",
            "meet the school together",
            "keep the home free of alcohol during contact",
        ],
    ),
    (
        "when",
        &[
            "in a week",
            "in two weeks",
            "after the review",
            "on Thursday",
            "next month",
            "on Monday",
        ],
    ),
    (
        "prof",
        &[
            "GP",
            "care coordinator",
            "psychiatrist",
            "housing officer",
            "school nurse",
            "health visitor",
            "advocate",
            "benefits adviser",
            "police",
            "designated safeguarding lead",
        ],
    ),
];

/// Deadline wording.
pub const DEADLINES: &[&str] = &[
    "Care plan review",
    "Risk assessment update",
    "Send review report to the chair",
    "Core group meeting",
    "Statutory visit",
    "Tribunal report due",
    "Benefits appeal deadline",
    "Carer's assessment",
    "Housing panel submission",
    "Medication review with the GP",
];

/// Action wording.
pub const ACTIONS: &[&str] = &[
    "Chase housing referral",
    "Book interpreter for next visit",
    "Send minutes to the family",
    "Update the chronology",
    "Request school attendance figures",
    "Ring the GP surgery",
];
