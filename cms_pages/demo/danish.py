"""The Danish demo texts, as a translation memory: each English text of the
demo site (``content.py``) and its Danish translation.

Danish hosts read these pages, so they are written as a good Danish public site
would say it (du-form, plain words, the glossary in ``locale/da/GLOSSARY.md``),
much of it in the words of the original guide, *5 trin mod et godt
værtsprogram*. ``translate.py`` hands them to wagtail-localize segment by
segment, as a translator in the admin would. A text of rich text keeps its
inline tags (``<b>``, ``<i>``); everything else is plain text. Slugs are
translated too, in ASCII (æ → ae, ø → oe, å → aa), so Danish pages have Danish
addresses: ``/da/bliv-vaert/``.

Only the pages hosts read are translated: the home page, about the programme,
becoming a host, the activity ideas, the events and the partners. The pages for
newcomers stay English (newcomers do not read Danish); Danish pages link to them.
"""

from __future__ import annotations

SNIPPETS: dict[str, str] = {
    # Contact person
    "Programme coordinator, Aarhus": "Programkoordinator, Aarhus",
    "English, Danish, German": "engelsk, dansk, tysk",
    # Partner organisations
    "Aarhus Citizen Service (demo)": "Borgerservice Aarhus (demo)",
    "The municipality's citizen service opens its doors for information "
    "visits, explains CPR registration and the health card, and lends rooms "
    "at the library for our meetings.": "Kommunens borgerservice åbner dørene "
    "for informationsbesøg, forklarer om CPR-registrering og sundhedskortet og "
    "låner os lokaler på biblioteket til vores møder.",
    "Bugten Sailing Club": "Sejlklubben Bugten",
    "Volunteer sailors host newcomers on trial sails and bring them into club "
    "life. Sharing a boat makes it easy to start talking, and soon the talk is "
    "about everything else too.": "Frivillige sejlere tager nytilkomne med på "
    "prøvesejlads og ind i klublivet. Når man deler en båd, er det let at komme "
    "i snak, og snart handler snakken også om alt muligt andet.",
    "Havnen Runners": "Havnen Løbeklub",
    "A running club with beginner groups on Tuesday evenings. Its members run "
    "with newcomers and introduce them to Danish association life.": "En "
    "løbeklub med begyndergrupper tirsdag aften. Medlemmerne løber med "
    "nytilkomne og introducerer dem til det danske foreningsliv.",
    "Language Bridge Association": "Foreningen Sprogbroen",
    "Runs language cafés where newcomers practise Danish with volunteers, and a "
    "network for accompanying partners looking for work or study in "
    "Denmark.": "Holder sprogcaféer, hvor nytilkomne øver dansk med frivillige, "
    "og driver "
    "et netværk for medfølgende partnere, der søger arbejde eller uddannelse i "
    "Danmark.",
    "Nordlys Relocation": "Nordlys Relocation",
    "A relocation firm that helps companies welcome international staff. It "
    "recruits Danish colleagues as host families and runs the start-up seminars "
    "where new hosts meet experienced ones.": "Et relocation-firma, der hjælper "
    "virksomheder med at tage godt imod udenlandske medarbejdere. Firmaet finder "
    "danske kolleger, der vil være værtsfamilier, og holder de opstartsseminarer, "
    "hvor nye værter møder erfarne.",
    "University of East Jutland, International Staff Office": "Østjyllands "
    "Universitet, International Staff Office",
    "Brings foreign researchers and their partners into the programme, co-hosts "
    "the monthly welcome meeting and keeps an English welcome manual for new "
    "staff.": "Bringer udenlandske forskere og deres partnere med i programmet, "
    "er medarrangør af det månedlige velkomstmøde og har en engelsksproget "
    "velkomstmanual til nye medarbejdere.",
    # Footer text
    "Velkomst host programme, Aarhus": "Velkomst værtsprogram, Aarhus",
    "Local hosts and newcomers to Denmark, meeting once or twice a "
    "month.": "Lokale værter og nytilkomne i Danmark, der mødes en eller to "
    "gange om måneden.",
    "Velkomst host programme\nc/o Dokk1\nHack Kampmanns Plads 2\n8000 Aarhus C\n"
    "Denmark": "Velkomst værtsprogram\nc/o Dokk1\nHack Kampmanns Plads 2\n"
    "8000 Aarhus C\nDanmark",
    "Life in Denmark": "Life in Denmark (på engelsk)",
    "https://lifeindenmark.borger.dk/": "https://lifeindenmark.borger.dk/",
    "Work in Denmark": "Work in Denmark (på engelsk)",
    "https://www.workindenmark.dk/": "https://www.workindenmark.dk/",
    "Our partners": "Vores partnere",
    "/partners/": "/da/partnere/",
}

HOME: dict[str, str] = {
    "Welcome to Velkomst": "Velkommen til Velkomst",
    "home": "hjem",
    "Velkomst – local hosts for newcomers to Denmark": "Velkomst – lokale "
    "værter for nytilkomne i Danmark",
    "A host programme that matches volunteer Danish hosts with international "
    "employees and their families who have just arrived.": "Et værtsprogram, "
    "der matcher frivillige danske værter med udenlandske medarbejdere og deres "
    "familier, som lige er kommet til Danmark.",
    "Make friends in Denmark": "Få nye venner fra hele verden",
    "Velkomst matches volunteer Danish hosts with international employees and "
    "their families who have just arrived. Meet once or twice a month, cook "
    "together, go sailing, find your feet.": "Velkomst matcher frivillige "
    "danske værter med udenlandske medarbejdere og deres familier, som lige er "
    "kommet til Danmark. I mødes en eller to gange om måneden, laver mad "
    "sammen, tager ud at sejle – og de nye finder fodfæste.",
    "Illustration of small Danish houses by a calm sea with sailing boats under "
    "a warm sun.": "Tegning af små danske huse ved et roligt hav med sejlbåde "
    "under en varm sol.",
    "Moving to a new country is easier with a friend who knows how things work. "
    "Our hosts are Danes, often whole families, who share their city, their "
    "traditions and their network. Newcomers bring new friendships, language "
    "practice and a fresh look at Denmark. Everything here is <b>in "
    "English</b>, and our coordinator answers in English too.": "Det er "
    "lettere at flytte til et nyt land, når man har en ven, der ved, hvordan "
    "tingene fungerer. Vores værter er danskere, ofte hele familier, som deler "
    "deres by, deres traditioner og deres netværk. De nytilkomne giver nye "
    "venskaber, sprogtræning og et frisk blik på Danmark. Siderne for de "
    "nytilkomne er <b>på engelsk</b>, og koordinatoren svarer også på engelsk.",
    "Share your Denmark with a family who just arrived: one or two meetings a "
    "month for six months.": "Del dit Danmark med en familie, der lige er "
    "kommet hertil: et eller to møder om måneden i et halvt år.",
    "Just arrived? Meet a local host, find the authorities you need and come to "
    "our welcome meeting in English.": "Lige kommet til Danmark? Mød en lokal "
    "vært, find de myndigheder, du skal bruge, og kom til vores velkomstmøde på "
    "engelsk.",
    "How it works": "Sådan foregår det",
    "<b>Tell us about yourself</b>: your interests, languages, where you live "
    "and how much time you have.": "<b>Fortæl os om dig selv</b>: dine "
    "interesser, dine sprog, hvor du bor, og hvor meget tid du har.",
    "<b>Agree on expectations</b>: both sides say what they hope for before we "
    "introduce you.": "<b>Afstem forventningerne</b>: I siger begge, hvad I "
    "håber på, før vi præsenterer jer for hinanden.",
    "<b>Meet</b>: a walk, a meal, a trip to the museum, once or twice a "
    "month.": "<b>Mød hinanden</b>: en gåtur, et måltid, en tur på museum, en "
    "eller to gange om måneden.",
    "<b>Tell us how it goes</b>: we check in with every pair and find a new "
    "match if the chemistry is not there.": "<b>Fortæl os, hvordan det går</b>: "
    "vi følger op på hvert par og finder et nyt match, hvis kemien ikke er der.",
    "In English, please!": "Gerne på engelsk!",
    "Everything on this site, every meeting and every message from the "
    "coordinator is in English. Danish is welcome, never required.": "De "
    "nytilkomne forstår ikke dansk endnu. Derfor er alt for dem på engelsk: "
    "siderne, møderne og beskederne fra koordinatoren. Dansk er velkomment, men "
    "aldrig et krav.",
}

ABOUT: dict[str, str] = {
    "About the programme": "Om programmet",
    "about-the-programme": "om-programmet",
    "What a host programme is, the five steps it follows and who runs "
    "it.": "Hvad et værtsprogram er, de fem trin, det følger, og hvem der står bag.",
    "Velkomst is a host programme: we match volunteer Danish hosts with "
    "international employees and the families who came with them, so newcomers "
    "get a Danish network from the start.": "Velkomst er et værtsprogram: vi "
    "matcher frivillige danske værter med udenlandske medarbejdere og den "
    "familie, de har med, så de nytilkomne får et dansk netværk fra starten.",
    "What is a host programme?": "Hvad er et værtsprogram?",
    "Most international employees arrive with a job but without a network. A "
    "host programme pairs each newcomer, and their partner and children, with a "
    "local host who volunteers to meet them once or twice a month. Together they "
    "go for walks, cook, visit a museum or try the host's sports "
    "club.": "De fleste udenlandske medarbejdere kommer med et job, men uden et "
    "netværk. I et værtsprogram bliver hver nytilkommen – og partner og børn – "
    "matchet med en lokal vært, som frivilligt mødes med dem en eller to gange "
    "om måneden. Sammen går I ture, laver mad, besøger et museum eller prøver "
    "værtens sportsklub.",
    "The newcomer gets a friend who can explain how Denmark works. The host "
    "gets language practice, new friends and a fresh look at their own country. "
    "Hosts often tell us they have become better at saying what they mean, and "
    "at listening to what others mean.": "Den nytilkomne får en ven, der kan "
    "forklare, hvordan Danmark fungerer. Værten får sprogtræning, nye venner og "
    "et frisk blik på sit eget land. Mange værter fortæller, at de er blevet "
    "bedre til at sige, hvad de mener, og til at lytte til, hvad andre mener.",
    "Illustration of two speech bubbles over people talking on a green "
    "hill.": "Tegning af to talebobler over mennesker, der taler sammen på en "
    "grøn bakke.",
    "Shared interests make it easy to start talking.": "Fælles interesser gør "
    "det let at komme i snak.",
    "Five steps to a good programme": "Fem trin mod et godt værtsprogram",
    "We follow five steps learned from the first Danish host programmes, "
    "described in the government guide <i>5 steps to a good host "
    "programme</i>:": "Vi følger fem trin, som de første danske "
    "værtsprogrammer har lært os, og som er beskrevet i Integrationsministeriets "
    "guide <i>5 trin mod et godt værtsprogram</i>:",
    "<b>Start with partners.</b> Companies, clubs, a university, the "
    "municipality and associations help us find hosts and "
    "newcomers.": "<b>Samarbejd med de rette partnere.</b> Virksomheder, "
    "klubber, et universitet, kommunen og foreninger hjælper os med at finde "
    "værter og nytilkomne.",
    "<b>Recruit with clear expectations.</b> Everyone knows the role, the "
    "responsibility and the time it takes before they join.": "<b>Rekruttér "
    "med klare forventninger.</b> Alle kender rollen, ansvaret og det forventede "
    "tidsforbrug, før de siger ja.",
    "<b>Communicate in one place, in English.</b> This website, a monthly "
    "welcome meeting and a named contact person.": "<b>Kommunikér samlet og på "
    "engelsk.</b> Denne hjemmeside, et månedligt velkomstmøde og en fast "
    "kontaktperson.",
    "<b>Listen, and suggest activities.</b> Social outings, information visits "
    "and shared interests.": "<b>Lyt til deltagerne, og giv ideer til "
    "aktiviteter.</b> Sociale udflugter, informationsbesøg og fælles "
    "interesser.",
    "<b>Plan for the long run.</b> Follow up on every pair and hand the "
    "programme on to partners who will keep it going.": "<b>Tænk langsigtet.</b> "
    "Følg op på hvert par, og giv programmet videre til partnere, der vil holde "
    "det i gang.",
    "Who runs it": "Hvem står bag",
    "A small team led by our programme coordinator runs Velkomst with our "
    "partners. The coordinator matches hosts and newcomers, answers questions in "
    "English by e-mail or phone, sends reminders before events and checks in "
    "with every pair.": "Et lille team med vores programkoordinator i spidsen "
    "driver Velkomst sammen med vores partnere. Koordinatoren matcher værter og "
    "nytilkomne, svarer på spørgsmål på mail eller telefon, sender påmindelser "
    "før arrangementer og følger op på hvert par.",
    "We follow up on every pair": "Vi følger op på hvert par",
    "After the first month and again after three months, we ask both of you, "
    "separately, whether you want to go on. If the chemistry is not there, that "
    "is nobody's fault: we find a new match.": "Efter den første måned og igen "
    "efter tre måneder spørger vi jer hver for sig, om I vil fortsætte. Hvis "
    "kemien ikke er der, er det ingens skyld: så finder vi et nyt match.",
    "Download the welcome manual": "Hent velkomstmanualen (på engelsk)",
    "How the programme works, being a host, your first weeks in Denmark and who "
    "to contact (PDF, 5 pages).": "Sådan fungerer programmet, det at være "
    "vært, de første uger i Danmark og hvem man kan kontakte (PDF, 5 sider).",
}

BECOME_A_HOST: dict[str, str] = {
    "Become a host": "Bliv vært",
    "become-a-host": "bliv-vaert",
    "What it means to be a Velkomst host: the role, the responsibility and the "
    "time it takes.": "Hvad det vil sige at være vært i Velkomst: rollen, "
    "ansvaret og den tid, det tager.",
    "Share your Denmark with someone who just arrived. Here is what being a "
    "host involves, so you know what you say yes to.": "Del dit Danmark med "
    "en, der lige er kommet hertil. Her kan du læse, hvad det indebærer at være "
    "vært, så du ved, hvad du siger ja til.",
    "Your role": "Din rolle",
    "A host is a friend and a guide to everyday Denmark, not a case worker. You "
    "invite your newcomer into your life: a Sunday walk, dinner with your "
    "family, your running club or your choir. You explain the things no website "
    "does: why Danes bring cake on their birthday, how to talk to the school, "
    "what <i>hygge</i> is.": "Som vært er du en ven og en guide til "
    "hverdagens Danmark – ikke en sagsbehandler. Du inviterer den nytilkomne "
    "ind i dit liv: en søndagstur, aftensmad med din familie, din løbeklub eller "
    "dit kor. Du forklarer det, ingen hjemmeside forklarer: hvorfor danskere tager "
    "kage med på deres fødselsdag, hvordan man taler med skolen, og hvad "
    "<i>hygge</i> er.",
    "Your responsibility": "Dit ansvar",
    "Keep in touch and keep the appointments you make.": "Hold kontakten, og "
    "hold de aftaler, I laver.",
    "Say so early if you need a break, or if the match is not working.": "Sig "
    "det i god tid, hvis du har brug for en pause, eller hvis matchet ikke "
    "fungerer.",
    "Point the way to the authorities and to the coordinator for questions "
    "about tax, permits or housing; you are not expected to solve them "
    "yourself.": "Vis vej til myndighederne og til koordinatoren, når der er "
    "spørgsmål om skat, opholdstilladelse eller bolig. Du skal ikke selv løse "
    "dem.",
    "Respect your newcomer's privacy and choices.": "Respektér den nytilkomnes "
    "privatliv og valg.",
    "What we expect of hosts": "Det forventer vi af en vært",
    "<b>Time:</b> one or two meetings a month, for at least six months, plus a "
    "short message now and then.": "<b>Tid:</b> et eller to møder om måneden "
    "i mindst et halvt år og en kort besked ind imellem.",
    "<b>Language:</b> enough English for a conversation.": "<b>Sprog:</b> nok "
    "engelsk til en samtale.",
    "<b>Start:</b> a one-hour introduction meeting with the "
    "coordinator.": "<b>Start:</b> et introduktionsmøde på en time med koordinatoren.",
    "What hosts get": "Det får du som vært",
    "Hosts tell us about real friendships, better English or German, and insight "
    "into other cultures that they use at work. You also join a network of "
    "other host families, with events and ideas through the year.": "Værterne "
    "fortæller om ægte venskaber, bedre engelsk eller tysk og indsigt i andre "
    "kulturer, som de kan bruge i deres arbejde. Du bliver også en del af et "
    "netværk af andre værtsfamilier med arrangementer og ideer året rundt.",
    "<i>“The woman I host has become a real friend. We share thoughts about "
    "children and family, and it surprised me how alike we see many things in "
    "life.”</i> – a host from the first programmes": '<i>"Kvinden, jeg er '
    "vært for, er blevet en rigtig god ven. Vi deler tanker om børn og familie, "
    "og det har overrasket mig, hvor ens vi ser på mange af livets "
    'forhold."</i> – en vært fra de første værtsprogrammer',
    "Agreeing on expectations": "Husk forventningsafstemning",
    "The most common reason a pair drifts apart is that expectations did not "
    "match: a host surprised by the effort, a newcomer disappointed that there "
    "is not more. So before we match you, both sides say what they hope for and "
    "how much time they can give, and agree to it. You can change it later, "
    "together.": "Den mest almindelige grund til, at et par glider fra hinanden, "
    "er, at forventningerne ikke passede sammen: en vært, der blev overrasket "
    "over, hvor meget energi det krævede, og en nytilkommen, der blev skuffet "
    "over, at der ikke var mere. Derfor siger I begge, før vi matcher jer, hvad "
    "I håber på, og hvor meget tid I kan give, og I bliver enige om det. I kan "
    "altid ændre det senere, sammen.",
    "Questions hosts ask": "Spørgsmål fra værter",
    "Do I need to speak perfect English?": "Skal jeg tale perfekt engelsk?",
    "No. Enough for a conversation is fine; many pairs mix English and Danish, "
    "and newcomers are often glad to practise Danish.": "Nej. Det er nok, at "
    "du kan føre en samtale. Mange par blander engelsk og dansk, og de "
    "nytilkomne er ofte glade for at øve sig på dansk.",
    "Can we host as a family?": "Kan vi være værter som familie?",
    "Yes, and it works well: children make friends quickly, and newcomers with "
    "children see how a Danish family lives.": "Ja, og det fungerer godt: børn "
    "bliver hurtigt venner, og nytilkomne med børn får set, hvordan en dansk "
    "familie lever.",
    "Does it cost anything?": "Koster det noget?",
    "No. Most of our activity ideas are free or cheap, and we hold free events "
    "every month.": "Nej. De fleste af vores aktivitetsidéer er gratis eller "
    "billige, og vi holder gratis arrangementer hver måned.",
    "What if we do not get along?": "Hvad nu, hvis vi ikke passer sammen?",
    "Tell the coordinator. We check in with every pair after one and three "
    "months and find a new match when needed.": "Sig det til koordinatoren. "
    "Vi følger op på hvert par efter en og tre måneder og finder et nyt match, "
    "når der er brug for det.",
    "How are hosts and newcomers matched?": "Hvordan bliver værter og "
    "nytilkomne matchet?",
    "On age, professional background, leisure interests, where you live and the "
    "languages you speak.": "Efter alder, faglig baggrund, fritidsinteresser, "
    "hvor I bor, og hvilke sprog I taler.",
}

# Repeated in many ideas and events.
COMMON: dict[str, str] = {
    "How to do it": "Sådan gør I",
    "Find out more": "Læs mere",
    "Dokk1, the main library": "Dokk1, hovedbiblioteket",
    "Sign up": "Tilmelding",
}

IDEAS: dict[str, str] = {
    "Things to do together": "Ting I kan lave sammen",
    "things-to-do-together": "ting-i-kan-lave-sammen",
    "Ideas for hosts and newcomers, from a picnic to a visit to citizen "
    "service. Filter by category, or show only ideas that suit "
    "children.": "Ideer til værter og nytilkomne, fra en picnic til et besøg "
    "på borgerservice. Vælg en kategori, eller vis kun ideer, der passer til "
    "børn.",
    # The conversation wheel
    "Start with the conversation wheel": "Start med samtalehjulet",
    "conversation-wheel": "samtalehjulet",
    "A simple way to get to know each other at your first meeting: draw what "
    "matters in your life and talk about it.": "En enkel måde at lære "
    "hinanden at kende på ved det første møde: tegn det, der betyder noget i dit "
    "liv, og tal om det.",
    "The first meeting can feel awkward. The conversation wheel gives you "
    "something to talk about that goes beyond the weather.": "Det første møde "
    "kan føles lidt akavet. Samtalehjulet giver jer noget at tale om, der "
    "rækker ud over vejret.",
    "Each of you draws a circle and divides it into slices for the main parts "
    "of your life: family, work, friends, leisure.": "I tegner hver en cirkel "
    "og deler den i stykker for de vigtigste dele af jeres liv: familie, "
    "arbejde, venner og fritid.",
    "Make each slice as big as it feels right now.": "Gør hvert stykke så "
    "stort, som det føles lige nu.",
    "Swap wheels and ask about the biggest slice.": "Byt hjul, og spørg ind til "
    "det største stykke.",
    "Talk about what matters most to you, and what you miss from home.": "Tal "
    "om det, der betyder mest for jer, og om det, I savner hjemmefra.",
    "Keep the wheels: look at them again after a few months.": "Gem hjulene, "
    "og se på dem igen efter et par måneder.",
    "Meet somewhere neutral": "Mød hinanden et neutralt sted",
    "A café or a walk is easier than a first dinner at home.": "En café eller "
    "en gåtur er lettere end en første middag derhjemme.",
    "Illustration of two speech bubbles over people talking on a green "
    "hill.": "Tegning af to talebobler over mennesker, der taler sammen på en "
    "grøn bakke.",
    # Picnic in the park
    "Picnic in the park": "Picnic i parken",
    "picnic-in-the-park": "picnic-i-parken",
    "Pack a basket, find a sunny spot and let the children play. Each family "
    "brings one dish.": "Pak en kurv, find en plet i solen, og lad børnene "
    "lege. Hver familie tager en ret med.",
    "Illustration of a striped picnic blanket with a basket under leafy trees on "
    "green hills.": "Tegning af et stribet picnictæppe med en kurv under "
    "løvrige træer på grønne bakker.",
    "On a sunny day, half of Denmark is in the park. A picnic is relaxed, free "
    "and easy for children.": "På en solskinsdag er halvdelen af Danmark i "
    "parken. En picnic er afslappet, gratis og nem med børn.",
    "Pick a sunny weekend day and a park with a playground.": "Vælg en solrig "
    "weekenddag og en park med legeplads.",
    "Each family brings one dish: something Danish, something from "
    "home.": "Hver familie tager en ret med: noget dansk og noget hjemmefra.",
    "Bring a blanket, water and a ball or a frisbee.": "Tag et tæppe, vand og "
    "en bold eller en frisbee med.",
    "Take your rubbish home or use the bins.": "Tag affaldet med hjem, eller "
    "brug skraldespandene.",
    "Have a plan B": "Hav en plan B",
    "Danish weather changes fast. Agree on a café nearby in case of "
    "rain.": "Det danske vejr skifter hurtigt. Aftal en café i nærheden, hvis "
    "det begynder at regne.",
    # Cook together
    "Cook together": "Lav mad sammen",
    "cook-together": "lav-mad-sammen",
    "Cook a Danish dish at the host's home, then one from the newcomer's "
    "country at theirs.": "Lav en dansk ret hjemme hos værten og derefter en "
    "ret fra den nytilkomnes land hjemme hos dem.",
    "Illustration of a kitchen table set with three plates of food and a "
    "steaming pot by the window.": "Tegning af et køkkenbord med tre "
    "tallerkener mad og en dampende gryde ved vinduet.",
    "Cooking in each other's homes is one of the easiest ways to become "
    "friends. Hands are busy, so the talk comes by itself.": "At lave mad i "
    "hinandens hjem er en af de letteste måder at blive venner på. Hænderne har "
    "travlt, så snakken kommer af sig selv.",
    "Agree on two evenings: one at the host's, one at the newcomer's.": "Aftal "
    "to aftener: en hos værten og en hos den nytilkomne.",
    "First evening: cook a Danish classic together, such as frikadeller "
    "(meatballs) with potatoes, or open sandwiches.": "Første aften: lav en "
    "dansk klassiker sammen, fx frikadeller med kartofler eller smørrebrød.",
    "Shop together for the second evening: where do you find the ingredients "
    "from home?": "Køb ind sammen til den anden aften: hvor finder man "
    "råvarerne hjemmefra?",
    "Second evening: the newcomer teaches a dish from their country.": "Anden "
    "aften: den nytilkomne lærer jer en ret fra sit land.",
    "Write down both recipes and swap them.": "Skriv begge opskrifter ned, og byt dem.",
    "Ask about food rules": "Spørg om madvaner",
    "Check allergies, vegetarian wishes and religious food rules before you "
    "shop.": "Spørg til allergier, vegetariske ønsker og religiøse madregler, "
    "før I handler.",
    # Sailing
    "Try sailing at a club": "Prøv at sejle i en klub",
    "try-sailing": "proev-at-sejle",
    "Many sailing clubs offer trial sails. Sharing a boat is the easiest way to "
    "start a conversation.": "Mange sejlklubber tilbyder prøvesejlads. Når man "
    "deler en båd, er det let at komme i snak.",
    "Illustration of three sailing boats with white sails on a blue "
    "bay.": "Tegning af tre sejlbåde med hvide sejl på en blå bugt.",
    "“It is much easier to talk to Danes when you do something together,” a "
    "newcomer in a sailing club told us. “Soon we talk about everything else "
    "too.”": '"Det er meget lettere at komme i snak med danskere, når man er '
    'sammen om en fælles aktivitet," fortalte en nytilkommen i en sejlklub. '
    '"Snart er vi i gang med at snakke om alt muligt andet også."',
    "Ask a local sailing club about their open days or trial sails.": "Spørg "
    "en lokal sejlklub om åbent hus eller prøvesejlads.",
    "Dress warmly in layers, with soft-soled shoes; the club lends life "
    "jackets.": "Tag varmt tøj på i lag og sko med bløde såler. Klubben låner "
    "jer redningsveste.",
    "Sail with a club volunteer; no experience is needed.": "Sejl med en "
    "frivillig fra klubben. Det kræver ingen erfaring.",
    "Stay for coffee in the clubhouse afterwards: that is where friendships "
    "start.": "Bliv til kaffe i klubhuset bagefter: det er dér, venskaberne starter.",
    "Clubs are the way in": "Foreningslivet er vejen ind",
    "Danes meet through associations. Joining a club is the quickest way into "
    "Danish life.": "Danskere mødes i foreninger. At melde sig ind i en klub er "
    "den hurtigste vej ind i det danske samfund.",
    # Running
    "Run with a running club": "Løb med en løbeklub",
    "run-with-a-running-club": "loeb-med-en-loebeklub",
    "Join a beginners' group at a running club. Running side by side makes it "
    "easy to talk.": "Vær med på et begynderhold i en løbeklub. Når man løber "
    "side om side, er det let at snakke.",
    "Illustration of two runners on a light path between fir "
    "trees.": "Tegning af to løbere på en lys sti mellem grantræer.",
    "Running clubs welcome beginners, and most have a slow group where talking "
    "while running is the point.": "Løbeklubber tager godt imod begyndere, og "
    "de fleste har et roligt hold, hvor snakken er det vigtigste.",
    "Find a club with a beginners' group and ask if you can try a few times for "
    "free.": "Find en klub med et begynderhold, og spørg, om I må prøve et par "
    "gange gratis.",
    "Meet 15 minutes early so the host can introduce you.": "Mød op et kvarter "
    "før, så værten kan præsentere den nytilkomne for de andre.",
    "Run in the slow group and talk.": "Løb med på det rolige hold, og snak.",
    "Join the club if you like it: membership is usually cheap.": "Meld jer "
    "ind i klubben, hvis I kan lide det. Kontingentet er som regel billigt.",
    "Dark evenings": "Mørke aftener",
    "From October to March, wear a head torch or a reflective vest.": "Fra "
    "oktober til marts skal I have pandelampe eller refleksvest på.",
    # Zoo
    "A day at the zoo": "En dag i zoologisk have",
    "a-day-at-the-zoo": "en-dag-i-zoo",
    "A classic family outing, and a good first trip when the children are not "
    "yet sure about each other.": "En klassisk familieudflugt og en god første "
    "tur, når børnene endnu ikke kender hinanden så godt.",
    "Illustration of two giraffes among round trees on green hills on a bright "
    "morning.": "Tegning af to giraffer mellem runde træer på grønne bakker en "
    "lys morgen.",
    "Animals give children, and grown-ups, something to share before they share "
    "a language.": "Dyrene giver børn – og voksne – noget at dele, før de "
    "deler et sprog.",
    "Choose a zoo or a wildlife park near you and check the opening "
    "hours.": "Vælg en zoologisk have eller en dyrepark i nærheden, og tjek "
    "åbningstiderne.",
    "Buy tickets online; children are often cheaper.": "Køb billetter på "
    "nettet. Børn er ofte billigere.",
    "Bring packed lunches and plan a break at the playground.": "Tag madpakker "
    "med, og planlæg en pause på legepladsen.",
    "Let each child pick one animal to find.": "Lad hvert barn vælge et dyr, "
    "som I skal finde.",
    "Ask about annual passes": "Spørg om årskort",
    "If both families like it, an annual pass often pays for itself after two "
    "visits.": "Hvis begge familier kan lide det, har et årskort ofte tjent sig "
    "selv hjem efter to besøg.",
    "Copenhagen Zoo": "Zoologisk Have København",
    "Opening hours and tickets for Denmark's largest zoo.": "Åbningstider og "
    "billetter til Danmarks største zoologiske have.",
    # Museum
    "Visit a museum": "Besøg et museum",
    "museum-visit": "museumsbesoeg",
    "Museums tell the story of Denmark; your host can add their own family's "
    "story.": "Museerne fortæller Danmarks historie, og værten kan fortælle sin "
    "egen families.",
    "Illustration of a pale museum building with columns and a triangular "
    "roof.": "Tegning af en lys museumsbygning med søjler og trekantet tag.",
    "Art museums, open-air museums with old town houses, Viking museums: there "
    "is one for every taste, and most have English texts.": "Kunstmuseer, "
    "frilandsmuseer med gamle byhuse, vikingemuseer: der er et for enhver smag, "
    "og de fleste har tekster på engelsk.",
    "Choose a museum together: what is the newcomer curious about?": "Vælg et "
    "museum sammen: hvad er den nytilkomne nysgerrig efter?",
    "Check the free days; many museums have free entry for children and young "
    "people.": "Tjek de gratis dage. Mange museer har gratis adgang for børn og unge.",
    "Take your time in one room rather than rushing through all.": "Tag jer god "
    "tid i én sal i stedet for at skynde jer igennem det hele.",
    "Finish in the museum café and compare with museums back home.": "Slut af "
    "i museets café, og sammenlign med museerne derhjemme.",
    "History with a personal touch": "Historie med et personligt præg",
    "Hosts: tell what your grandparents' everyday life looked like. It makes "
    "the exhibits come alive.": "Til værten: fortæl, hvordan dine "
    "bedsteforældres hverdag så ud. Det får udstillingen til at leve.",
    # Tivoli
    "An evening in Tivoli Gardens": "En aften i Tivoli",
    "tivoli-gardens": "en-aften-i-tivoli",
    "The old amusement park in Copenhagen is magical at dusk, with lights, "
    "music and rides.": "Den gamle forlystelsespark i København er magisk i "
    "skumringen, med lys, musik og forlystelser.",
    "Illustration of a lit-up Ferris wheel and strings of coloured lights "
    "against a night sky.": "Tegning af et oplyst pariserhjul og kulørte "
    "lyskæder mod en nattehimmel.",
    "Tivoli opened in 1843 and is a Danish institution. It is open in summer "
    "and again for Halloween and Christmas.": "Tivoli åbnede i 1843 og er en "
    "dansk institution. Haven har åbent om sommeren og igen til halloween og "
    "jul.",
    "Check the season's opening days and buy entry tickets online.": "Tjek "
    "sæsonens åbningsdage, og køb entrébilletter på nettet.",
    "Decide in advance whether you want ride tickets or just walk, eat and "
    "listen to the music.": "Aftal på forhånd, om I vil købe turpas, eller om "
    "I bare vil gå rundt, spise og høre musik.",
    "Stay until dark, when the lights are switched on.": "Bliv, til det bliver "
    "mørkt, og lyset bliver tændt.",
    "On Friday evenings in summer there are free concerts.": "Fredag aften om "
    "sommeren er der gratis koncerter.",
    "Share the cost": "Del udgifterne",
    "Entry and rides are expensive. Agree beforehand who pays for what, so "
    "nobody feels awkward.": "Entré og forlystelser er dyre. Aftal på "
    "forhånd, hvem der betaler hvad, så ingen føler sig forlegne.",
    "Tivoli Gardens": "Tivoli",
    "Opening days, tickets and concerts.": "Åbningsdage, billetter og koncerter.",
    # Citizen service
    "Visit citizen service together": "Besøg borgerservice sammen",
    "visit-citizen-service": "besoeg-borgerservice",
    "Go to the municipality's Borgerservice together: registration, the health "
    "card and digital post, explained.": "Tag sammen på kommunens "
    "borgerservice og få forklaret folkeregistrering, sundhedskort og Digital "
    "Post.",
    "Illustration of a row of town buildings with lit windows.": "Tegning af "
    "en række byhuse med lys i vinduerne.",
    "Borgerservice, the municipality's citizen service, handles registration, "
    "health cards, passports and much more. A first visit is easier with "
    "someone who has been there before.": "Borgerservice i kommunen tager sig "
    "af folkeregistrering, sundhedskort, pas og meget mere. Det første besøg er "
    "lettere sammen med en, der har været der før.",
    "Book a time online: most citizen services only take visitors by "
    "appointment.": "Book en tid på nettet. De fleste borgerservicecentre tager "
    "kun imod efter aftale.",
    "Bring your passport, residence document and rental contract.": "Husk pas, "
    "opholdsdokument og lejekontrakt.",
    "Let the newcomer do the talking; the host helps with Danish words.": "Lad "
    "den nytilkomne føre ordet. Værten hjælper med de danske ord.",
    "Have a coffee afterwards and go through the letters in digital post "
    "together.": "Drik en kop kaffe bagefter, og gå brevene i Digital Post "
    "igennem sammen.",
    "Group visits": "Besøg i grupper",
    "Our programme organises group information visits a few times a year. "
    "Watch the events page.": "Programmet arrangerer informationsbesøg for "
    "grupper et par gange om året. Hold øje med siden med arrangementer.",
    # International school
    "Visit an international school": "Besøg en international skole",
    "visit-an-international-school": "besoeg-en-international-skole",
    "Parents with children: see an international school and a Danish "
    "folkeskole, and ask your questions.": "For forældre: se en international "
    "skole og en dansk folkeskole, og få svar på jeres spørgsmål.",
    "Illustration of a few low buildings among trees on a sunny "
    "morning.": "Tegning af nogle lave bygninger mellem træer en solrig morgen.",
    "Choosing a school is one of the biggest decisions for families who move. A "
    "host with children knows how Danish schools work.": "Valget af skole er "
    "en af de største beslutninger for en familie, der flytter. En vært med "
    "børn ved, hvordan danske skoler fungerer.",
    "Ask the schools for an open day or a visit.": "Spørg skolerne om åbent "
    "hus eller et besøg.",
    "Visit both an international school and the local Danish school, the "
    "folkeskole.": "Besøg både en international skole og den lokale folkeskole.",
    "Ask about language support, after-school clubs (SFO) and waiting "
    "lists.": "Spørg om sprogstøtte, SFO og ventelister.",
    "Talk it over with the host's family afterwards.": "Tal det igennem med "
    "værtsfamilien bagefter.",
    "Ask early": "Spørg i god tid",
    "International schools often have waiting lists. Contact them as soon as "
    "you know you are moving.": "Internationale skoler har ofte ventelister. "
    "Kontakt dem, så snart man ved, at man skal flytte.",
    # Talks by expats
    "Hear other expats tell their story": "Hør andre expats fortælle",
    "talk-by-other-expats": "hoer-andre-expats-fortaelle",
    "People who came a few years ago share what they wish they had known, and "
    "how they made Danish friends.": "Folk, der kom hertil for et par år "
    "siden, fortæller, hvad de gerne ville have vidst, og hvordan de fik danske "
    "venner.",
    "Illustration of two speech bubbles above a row of listening "
    "people.": "Tegning af to talebobler over en række mennesker, der lytter.",
    "Nobody knows the first year better than someone who has just lived it. Our "
    "talks by expats are among the best-attended events.": "Ingen kender det "
    "første år bedre end en, der lige har levet det. Vores oplæg fra expats er "
    "blandt de bedst besøgte arrangementer.",
    "Look for talks on our events page or at International House.": "Se efter "
    "oplæg på vores side med arrangementer eller hos International House.",
    "Go together: the host hears what newcomers find hard, too.": "Gå sammen: "
    "så hører værten også, hvad nytilkomne synes er svært.",
    "Prepare one question each.": "Forbered hver et spørgsmål.",
    "Stay afterwards and talk to the speaker.": "Bliv bagefter, og tal med "
    "oplægsholderen.",
    "Hosts learn too": "Værterne lærer også noget",
    "Hosts often say these evenings showed them their own country through new "
    "eyes.": "Værter fortæller ofte, at de aftener fik dem til at se deres eget "
    "land med nye øjne.",
    # Network for partners
    "Join the network for accompanying partners": "Netværket for medfølgende partnere",
    "network-for-partners": "netvaerk-for-medfoelgende-partnere",
    "For partners who followed a job to Denmark: meet others in the same "
    "situation and talk about work, study and daily life.": "For partnere, der "
    "er fulgt med et job til Danmark: mød andre i samme situation, og tal om "
    "arbejde, uddannelse og hverdagsliv.",
    "Illustration of coloured circles joined by lines, like a network of "
    "friends.": "Tegning af farvede cirkler forbundet med streger, som et "
    "netværk af venner.",
    "Accompanying partners often leave a career behind. A network of people in "
    "the same situation helps with job search, Danish lessons and the days that "
    "feel long.": "Medfølgende partnere har ofte forladt en karriere. Et "
    "netværk af mennesker i samme situation hjælper med jobsøgning, "
    "danskundervisning og de dage, der føles lange.",
    "Come to a network meeting; they are held in English.": "Kom til et "
    "netværksmøde. Møderne foregår på engelsk.",
    "Bring a CV if you are looking for work: volunteers give "
    "feedback.": "Tag dit CV med, hvis du søger arbejde: frivillige giver dig "
    "feedback.",
    "Ask Work in Denmark about courses for partners.": "Spørg Work in Denmark "
    "om kurser for medfølgende partnere.",
    "Tell your host what kind of work you are looking for: their network may "
    "help.": "Fortæl din vært, hvilket arbejde du søger: værtens netværk kan "
    "måske hjælpe.",
    "You are not alone": "Du er ikke alene",
    "Many partners say the network was where they found their first friends in "
    "Denmark.": "Mange partnere fortæller, at det var i netværket, de fandt "
    "deres første venner i Danmark.",
    "Job search help and courses for accompanying partners.": "Hjælp til "
    "jobsøgning og kurser for medfølgende partnere.",
    # Christmas
    "A Christmas hygge evening": "En aften med julehygge",
    "christmas-hygge-evening": "julehygge",
    "Make Christmas hearts, eat æbleskiver and learn what hygge means on a dark "
    "December evening.": "Flet julehjerter, spis æbleskiver, og vis, hvad "
    "hygge er, en mørk decemberaften.",
    "Illustration of four lit candles glowing on a winter evening with falling "
    "snow.": "Tegning af fire tændte lys en vinteraften med sne, der falder.",
    "December in Denmark is dark, and Danes make up for it with candles, gløgg "
    "and traditions. Share them.": "December i Danmark er mørk, og danskerne "
    "gør op for det med levende lys, gløgg og traditioner. Del dem.",
    "Light candles and serve gløgg (mulled wine) and æbleskiver.": "Tænd lys, "
    "og server gløgg og æbleskiver.",
    "Weave paper Christmas hearts together; children love it.": "Flet "
    "julehjerter sammen. Det elsker børn.",
    "Explain the Advent calendar, the Christmas lunch and dancing around the "
    "tree.": "Fortæl om julekalenderen, julefrokosten og dansen om juletræet.",
    "Ask the newcomer about winter traditions from home.": "Spørg den "
    "nytilkomne om vintertraditioner hjemmefra.",
    "Invite them for Christmas": "Inviter til jul",
    "Christmas is lonely far from family. An invitation to a Danish Christmas "
    "Eve is a gift few newcomers forget.": "Julen kan være ensom langt fra "
    "familien. En invitation til en dansk juleaften er en gave, få nytilkomne "
    "glemmer.",
    # Forest walk
    "Forest walk and mushroom picking": "Skovtur og svampeplukning",
    "forest-walk-and-mushroom-picking": "skovtur-og-svampeplukning",
    "Walk in the forest and pick berries or mushrooms, in season, with someone "
    "who knows which ones to eat.": "Gå en tur i skoven, og pluk bær eller "
    "svampe, når det er sæson, sammen med en, der ved, hvilke man kan spise.",
    "Illustration of an autumn forest of fir trees with red mushrooms in the "
    "foreground.": "Tegning af en granskov om efteråret med røde svampe i forgrunden.",
    "In Denmark you may pick berries and mushrooms for your own use in most "
    "public forests. Late summer and autumn are the best time.": "I Danmark må "
    "man plukke bær og svampe til eget brug i de fleste offentlige skove. "
    "Sensommeren og efteråret er den bedste tid.",
    "Choose a public forest and a dry day.": "Vælg en offentlig skov og en tør dag.",
    "Bring a basket, a knife and good shoes.": "Tag en kurv, en kniv og gode sko med.",
    "Pick only what you know; when in doubt, leave it.": "Pluk kun det, I "
    "kender. Er I i tvivl, så lad det stå.",
    "Cook what you found together, or bake a berry pie.": "Lav mad sammen af "
    "det, I fandt, eller bag en bærtærte.",
    "Never eat an unknown mushroom": "Spis aldrig en svamp, du ikke kender",
    "Some Danish mushrooms are deadly. Ask an expert, or take a guided mushroom "
    "walk first.": "Nogle danske svampe er dødeligt giftige. Spørg en ekspert, "
    "eller tag først med på en svampetur med guide.",
    # Library
    "Explore the library": "Gå på opdagelse på biblioteket",
    "library-visit": "besoeg-biblioteket",
    "Danish libraries are free meeting places with books in many languages, "
    "events and playrooms for children.": "Danske biblioteker er gratis "
    "mødesteder med bøger på mange sprog, arrangementer og legerum for børn.",
    "Illustration of full bookshelves with books in many colours.": "Tegning "
    "af fyldte bogreoler med bøger i mange farver.",
    "The public library is much more than books: language cafés, children's "
    "corners, free Wi-Fi, newspapers from around the world.": "Folkebiblioteket "
    "er meget mere end bøger: sprogcaféer, børnehjørner, gratis wi-fi og aviser "
    "fra hele verden.",
    "Get a library card with your CPR number; it is free.": "Få et lånerkort "
    "med CPR-nummeret. Det er gratis.",
    "Find books in the newcomer's language and easy Danish books for "
    "learners.": "Find bøger på den nytilkomnes sprog og lette danske bøger "
    "for dem, der lærer dansk.",
    "Ask about language cafés and children's story hours.": "Spørg om "
    "sprogcaféer og højtlæsning for børn.",
    "Borrow e-books and audiobooks on your phone, too.": "Lån også e-bøger og "
    "lydbøger på telefonen.",
    "Rainy Sunday plan": "Plan for en regnvejrssøndag",
    "Many libraries are open on Sundays and are a good plan B for families on "
    "a rainy day.": "Mange biblioteker har åbent om søndagen og er en god plan "
    "B for familier på en regnvejrsdag.",
}

EVENTS: dict[str, str] = {
    "Events": "Arrangementer",
    "events": "arrangementer",
    "Welcome meetings, outings and talks for hosts and newcomers. Everything is "
    "in English unless we say otherwise. We also e-mail every participant "
    "before an event: reply to sign up.": "Velkomstmøder, udflugter og oplæg "
    "for værter og nytilkomne. Alt foregår på engelsk, medmindre andet er "
    "nævnt. Før hvert arrangement sender vi også en mail til alle deltagere: "
    "svar på den for at tilmelde dig.",
    # The monthly welcome meeting (its titles are below, one per month)
    "Our monthly welcome meeting for newcomers, partners and hosts: practical "
    "tips for the first months, coffee and new friends.": "Vores månedlige "
    "velkomstmøde for nytilkomne, partnere og værter: praktiske råd til de "
    "første måneder, kaffe og nye venner.",
    "Just arrived? Come to our welcome meeting in English. You will hear about "
    "the practical challenges of the first months, meet newcomers and hosts, "
    "and can ask the coordinator anything.": "Velkomstmødet er på engelsk, så "
    "nytilkomne kan være med kort tid efter, de er kommet til Danmark. De hører "
    "om de praktiske udfordringer i de første måneder og møder andre nytilkomne "
    "og værter, og alle kan spørge koordinatoren om hvad som helst. Som vært er "
    "du meget velkommen.",
    "Programme": "Program",
    "17:00 Welcome and coffee": "17.00 Velkomst og kaffe",
    "17:15 Your first months: registration, health, tax and "
    "schools": "17.15 De første måneder: folkeregistrering, sundhed, skat og skoler",
    "18:00 Questions, and time to meet hosts": "18.00 Spørgsmål og tid til at "
    "møde værterne",
    "Reply to the e-mail from the coordinator, or write to "
    "mette.holm@velkomst.example. Partners and children are "
    "welcome.": "Svar på mailen fra koordinatoren, eller skriv til "
    "mette.holm@velkomst.example. Partnere og børn er velkomne.",
    # Family picnic (summer, and indoors in winter)
    "family-picnic": "familiepicnic",
    "Picnic in the Botanical Garden": "Picnic i Botanisk Have",
    "The Botanical Garden, by the greenhouses": "Botanisk Have, ved væksthusene",
    "Bring a blanket and a dish to share. Games for the children, and a chance "
    "to meet other host families.": "Tag et tæppe og en ret med til at dele. "
    "Der er lege for børnene og mulighed for at møde andre værtsfamilier.",
    "Our summer picnic is the easiest way to meet the whole programme. Each "
    "family brings one dish: something Danish or something from "
    "home.": "Vores sommerpicnic er den nemmeste måde at møde hele programmet "
    "på. Hver familie tager en ret med: noget dansk eller noget hjemmefra.",
    "If it rains": "Hvis det regner",
    "We move into the café at the greenhouses. Check your e-mail on the "
    "morning of the picnic.": "Så flytter vi ind i caféen ved væksthusene. "
    "Tjek din mail om morgenen på dagen.",
    "Indoor winter picnic at Dokk1": "Indendørs vinterpicnic på Dokk1",
    "Dokk1, the family area on level 1": "Dokk1, familieområdet på niveau 1",
    "Too cold for the park, so we picnic indoors: bring a dish to share. Games "
    "for the children, and a chance to meet other host families.": "For koldt "
    "til parken, så vi holder picnic indendørs: tag en ret med til at dele. Der "
    "er lege for børnene og mulighed for at møde andre værtsfamilier.",
    "Our picnic is the easiest way to meet the whole programme. In winter we "
    "move indoors. Each family brings one dish: something Danish or something "
    "from home. Blankets provided!": "Vores picnic er den nemmeste måde at "
    "møde hele programmet på. Om vinteren rykker vi indenfor. Hver familie tager "
    "en ret med: noget dansk eller noget hjemmefra. Vi sørger for tæpperne!",
    "Bring the children": "Tag børnene med",
    "The library's play areas are next door, and there will be paper hearts to "
    "make.": "Bibliotekets legeområder ligger lige ved siden af, og vi fletter "
    "julehjerter.",
    # Den Gamle By
    "Guided tour of Den Gamle By": "Rundvisning i Den Gamle By",
    "guided-tour-of-den-gamle-by": "rundvisning-i-den-gamle-by",
    "Den Gamle By, the main entrance": "Den Gamle By, hovedindgangen",
    "Walk through 400 years of Danish town life in the open-air museum, with a "
    "guide who speaks English.": "Gå gennem 400 års dansk byliv på "
    "frilandsmuseet med en guide, der taler engelsk.",
    "Den Gamle By is an open-air museum of old Danish town houses, shops and "
    "workshops. Our guide shows how Danes lived from the 1600s to the 1970s, "
    "and hosts add their own family stories.": "Den Gamle By er et "
    "frilandsmuseum med gamle danske byhuse, butikker og værksteder. Vores guide "
    "viser, hvordan danskerne levede fra 1600-tallet til 1970'erne, og værterne "
    "fortæller deres egne familiehistorier.",
    "Tickets": "Billetter",
    "The programme pays the entry for newcomers. Hosts with an annual pass, "
    "please bring it.": "Programmet betaler entréen for de nytilkomne. Har du "
    "årskort, så husk at tage det med.",
    # Sailing afternoon (summer, and at the clubhouse in winter)
    "sailing-afternoon": "sejlereftermiddag",
    "Bugten Sailing Club, the clubhouse": "Sejlklubben Bugten, klubhuset",
    "Sailing afternoon with Bugten Sailing Club": "Sejlereftermiddag med "
    "Sejlklubben Bugten",
    "Try sailing on the bay with the club's volunteers. No experience needed; "
    "life jackets are provided.": "Prøv at sejle på bugten med klubbens "
    "frivillige. Det kræver ingen erfaring, og der er redningsveste til alle.",
    "The club's volunteers take you out on the bay in small groups. Afterwards "
    "there is coffee in the clubhouse, where you can ask about "
    "membership.": "Klubbens frivillige tager jer med ud på bugten i små "
    "grupper. Bagefter er der kaffe i klubhuset, hvor I kan spørge om "
    "medlemskab.",
    "What to wear": "Det skal du have på",
    "Warm layers, a rain jacket and soft-soled shoes. It is always colder on "
    "the water.": "Varmt tøj i lag, en regnjakke og sko med bløde såler. Det er "
    "altid koldere på vandet.",
    "Winter afternoon at Bugten Sailing Club": "Vintereftermiddag i Sejlklubben Bugten",
    "The boats are on land, but the clubhouse is open: learn knots and a little "
    "navigation, drink coffee and sign up for spring trial sails.": "Bådene er "
    "på land, men klubhuset er åbent: lær knob og lidt navigation, drik kaffe, "
    "og skriv dig op til prøvesejlads i foråret.",
    "Danish sailing clubs keep busy in winter. The club's volunteers show you "
    "around the boats on land, teach a few knots and tell what a season in the "
    "club is like. Coffee and cake in the clubhouse.": "Danske sejlklubber har "
    "travlt om vinteren. Klubbens frivillige viser rundt blandt bådene på land, "
    "lærer jer et par knob og fortæller, hvordan en sæson i klubben er. Kaffe "
    "og kage i klubhuset.",
    "Spring trial sails": "Prøvesejlads i foråret",
    "Sign up on the day for trial sails from May: no experience "
    "needed.": "Skriv jer op på dagen til prøvesejlads fra maj. Det kræver "
    "ingen erfaring.",
    # Talk
    "Talk: expats tell their story": "Oplæg: expats fortæller",
    "expats-tell-their-story": "expats-fortaeller",
    "Navitas, the auditorium": "Navitas, auditoriet",
    "Three people who moved to Denmark in recent years tell what they wish they "
    "had known, and how they made Danish friends.": "Tre personer, der er "
    "flyttet til Danmark inden for de seneste år, fortæller, hvad de gerne ville "
    "have vidst, og hvordan de fik danske venner.",
    "A researcher from Colombia, an engineer from India and an accompanying "
    "partner from Germany share their first year in Denmark: the surprises, the "
    "mistakes and what helped.": "En forsker fra Colombia, en ingeniør fra "
    "Indien og en medfølgende partner fra Tyskland fortæller om deres første år "
    "i Danmark: overraskelserne, fejltrinnene og det, der hjalp.",
    "Hosts are very welcome: you will hear what newcomers find hard, and may "
    "see your own country through new eyes.": "Værter er meget velkomne: du "
    "hører, hvad nytilkomne synes er svært, og ser måske dit eget land med nye "
    "øjne.",
    # Cooking evening
    "Cooking evening: Denmark meets the world": "Madlavningsaften: Danmark "
    "møder verden",
    "cooking-evening": "madlavningsaften",
    "Dokk1, the community kitchen": "Dokk1, fælleskøkkenet",
    "Hosts and newcomers cooked frikadeller and dishes from six countries "
    "together, and ate them all.": "Værter og nytilkomne lavede frikadeller og "
    "retter fra seks lande sammen – og spiste det hele.",
    "Thirty hosts and newcomers cooked together: Danish meatballs, Tamil curry, "
    "Polish pierogi and more. Thank you to everyone who came; the recipes are in "
    "your inbox.": "Tredive værter og nytilkomne lavede mad sammen: "
    "frikadeller, tamilsk karry, polske pierogi og meget mere. Tak til alle, der "
    "kom. Opskrifterne ligger i jeres indbakke.",
    # Information visit
    "Information visit to citizen service": "Informationsbesøg på borgerservice",
    "information-visit-citizen-service": "informationsbesoeg-borgerservice",
    "Borgerservice at Dokk1": "Borgerservice på Dokk1",
    "Staff from citizen service explained CPR registration, the health card, "
    "digital post and MitID, and answered questions.": "Medarbejdere fra "
    "borgerservice forklarede om CPR-registrering, sundhedskortet, Digital Post "
    "og MitID og svarede på spørgsmål.",
    "A group of newcomers visited citizen service for an introduction in "
    "English. The slides are available from the coordinator.": "En gruppe "
    "nytilkomne besøgte borgerservice og fik en introduktion på engelsk. "
    "Koordinatoren kan sende præsentationen.",
}

PARTNERS: dict[str, str] = {
    "Partners": "Partnere",
    "partners": "partnere",
    "Velkomst lives inside companies, clubs, a university, the municipality and "
    "associations. They find hosts and newcomers, lend us rooms and boats, and "
    "will keep the programme going in the years ahead. Would your organisation "
    "like to join? Write to our coordinator.": "Velkomst lever i virksomheder, "
    "klubber, et universitet, kommunen og foreninger. De finder værter og "
    "nytilkomne, låner os lokaler og både og vil holde programmet i gang i årene "
    "fremover. Vil din organisation være med? Skriv til vores koordinator.",
}

# The activity ideas' categories (Wagtail admin → Activity categories).
CATEGORIES: dict[str, str] = {
    "culture": "kultur",
    "family": "familie",
    "food": "mad",
    "information visit": "informationsbesøg",
    "outdoors": "udendørs",
    "seasonal": "årstidens aktiviteter",
    "social": "socialt samvær",
    "sport": "sport",
}

# The welcome meetings are called after their month ("Welcome meeting in
# English, January"); Python writes English month names.
MONTHS = [
    ("January", "januar"),
    ("February", "februar"),
    ("March", "marts"),
    ("April", "april"),
    ("May", "maj"),
    ("June", "juni"),
    ("July", "juli"),
    ("August", "august"),
    ("September", "september"),
    ("October", "oktober"),
    ("November", "november"),
    ("December", "december"),
]
WELCOME_MEETINGS: dict[str, str] = {
    f"Welcome meeting in English, {english}": f"Velkomstmøde på engelsk, {danish}"
    for english, danish in MONTHS
} | {f"welcome-meeting-{n}": f"velkomstmoede-{n}" for n in range(1, 13)}


def _merged(*parts: dict[str, str]) -> dict[str, str]:
    merged: dict[str, str] = {}
    for part in parts:
        for english, danish in part.items():
            if merged.get(english, danish) != danish:
                raise ValueError(f"Two Danish texts for {english!r}")
            merged[english] = danish
    return merged


TRANSLATIONS: dict[str, str] = _merged(
    SNIPPETS,
    HOME,
    ABOUT,
    BECOME_A_HOST,
    COMMON,
    IDEAS,
    EVENTS,
    PARTNERS,
    WELCOME_MEETINGS,
)
