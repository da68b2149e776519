"""Forms of irregular verbs that appear inside fixed administrative phrases."""

IRREGULAR_FORMS: dict[str, frozenset[str]] = {
    "être": frozenset(
        "suis es est sommes êtes sont étais était étions étiez étaient serai seras sera serons "
        "serez seront serais serait serions seriez seraient sois soit soyons soyez soient été "
        "étant".split()
    ),
    "avoir": frozenset(
        "ai as a avons avez ont avais avait avions aviez avaient aurai auras aura aurons aurez "
        "auront aurais aurait aurions auriez auraient aie aies ait ayons ayez aient eu eue eus "
        "eues ayant".split()
    ),
    "faire": frozenset(
        "fais fait faisons faites font faisais faisait faisions faisiez faisaient ferai feras "
        "fera ferons ferez feront ferais ferait ferions feriez feraient fasse fasses fassions "
        "fassiez fassent faite faits faisant".split()
    ),
    "prendre": frozenset(
        "prends prend prenons prenez prennent prenais prenait prendrai prendra prendrez "
        "prendront prendrait prenne prennes pris prise prises prenant".split()
    ),
    "mettre": frozenset(
        "mets met mettons mettez mettent mettais mettait mettrai mettra mettrez mettront "
        "mettrait mette mis mise mises mettant".split()
    ),
    "tenir": frozenset(
        "tiens tient tenons tenez tiennent tenais tenait tiendrai tiendra tiendrez tiendront "
        "tiendrait tienne tenu tenue tenus tenues tenant".split()
    ),
    "venir": frozenset(
        "viens vient venons venez viennent venais venait viendrai viendra viendrez viendront "
        "viendrait vienne venu venue venus venues venant".split()
    ),
    "pouvoir": frozenset(
        "peux peut pouvons pouvez peuvent pouvais pouvait pourrai pourra pourrez pourront "
        "pourrait pourriez puisse puissiez pu pouvant".split()
    ),
    "devoir": frozenset(
        "dois doit devons devez doivent devais devait devrai devra devrez devront devrait "
        "devriez doive dû due dus dues devant".split()
    ),
}
