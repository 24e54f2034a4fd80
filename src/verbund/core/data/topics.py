"""The Themenkatalog: one topic taxonomy shared by offers, needs, advice and events.

Static data only (migrations import it). ``code`` is a stable slug that other data and
imports refer to: never rename a code, add a new one and retire the old one instead.
Parents come before their children. Synonyms are German search terms (the course search
expands a query with them), so "Excel" finds Tabellenkalkulation and "EDV" finds IT.
"""

from typing import NamedTuple


class TopicData(NamedTuple):
    code: str
    parent: str | None
    de: str
    en: str
    fr: str
    synonyms: tuple[str, ...] = ()


# code | parent | German | English | French | German synonyms, separated by ";"
_TABLE = """
digitalisierung | | Digitalisierung | Digitalisation | Transformation numérique | Digitale Transformation; Industrie 4.0; Handwerk 4.0; digitale Kompetenzen
it | digitalisierung | IT | Information technology | Informatique | EDV; Informatik; Informationstechnik; Computer
office | it | Office-Anwendungen | Office applications | Bureautique | MS Office; Word; Textverarbeitung; PowerPoint; Outlook
tabellenkalkulation | office | Tabellenkalkulation | Spreadsheets | Tableurs | Excel; LibreOffice Calc; Pivot-Tabellen
it-sicherheit | it | IT-Sicherheit | IT security | Sécurité informatique | Cybersicherheit; Cybersecurity; Informationssicherheit; Phishing
programmierung | it | Programmierung | Programming | Programmation | Softwareentwicklung; Coding; Python; Webentwicklung
datenschutz | digitalisierung | Datenschutz | Data protection | Protection des données | DSGVO; DS-GVO; Datenschutzbeauftragte
kuenstliche-intelligenz | digitalisierung | Künstliche Intelligenz | Artificial intelligence | Intelligence artificielle | KI; AI; Generative KI; ChatGPT; maschinelles Lernen
digitales-lernen | digitalisierung | Digitales Lernen | Digital learning | Apprentissage numérique | E-Learning; Blended Learning; Online-Seminar; Webinar
arbeitswelt | | Arbeitswelt und Führung | Work and leadership | Monde du travail et management | Arbeitsorganisation; Personalentwicklung
neue-arbeitsformen | arbeitswelt | Neue Arbeitsformen | New forms of work | Nouvelles formes de travail | New Work; mobiles Arbeiten; Homeoffice; hybrides Arbeiten; agiles Arbeiten
generationen | arbeitswelt | Generationenübergreifendes Arbeiten | Working across generations | Travail intergénérationnel | altersgemischte Teams; Demografie; Wissenstransfer; ältere Beschäftigte
fuehrung | arbeitswelt | Führung | Leadership | Management et leadership | Mitarbeiterführung; Personalführung; Führungskräfte; Teamleitung
projektmanagement | arbeitswelt | Projektmanagement | Project management | Gestion de projet | Scrum; Projektleitung; PRINCE2
kommunikation | arbeitswelt | Kommunikation und Konfliktmanagement | Communication and conflict management | Communication et gestion des conflits | Gesprächsführung; Moderation; Präsentation; Kundengespräche
technik | | Technik und Handwerk | Engineering and trades | Techniques et artisanat | gewerblich-technisch; Handwerk
metall | technik | Metalltechnik | Metal technology | Métallurgie | Metallbearbeitung; Metallbau; Zerspanung; Feinwerkmechanik
schweissen | metall | Schweißtechnik | Welding | Soudage | Schweißen; MAG-Schweißen; WIG-Schweißen; Schweißerprüfung; Schweißer
cnc | metall | CNC-Technik | CNC machining | Usinage CNC | CNC-Drehen; CNC-Fräsen; Zerspanungsmechanik
elektro | technik | Elektrotechnik | Electrical engineering | Électrotechnique | Elektrik; Elektroinstallation; Elektrofachkraft; EFKffT
automatisierung | elektro | Automatisierungstechnik | Automation | Automatisme | SPS; Steuerungstechnik; Robotik; Mechatronik
kfz | technik | Kfz-Technik | Automotive technology | Technique automobile | Fahrzeugtechnik; Elektromobilität; Hochvolt; Kraftfahrzeug
bau | technik | Bau und Ausbau | Construction | Bâtiment | Bauhandwerk; Hochbau; Ausbaugewerke; Sanierung
kaufmaennisch | | Kaufmännische Kompetenzen | Business administration | Gestion et commerce | kaufmännisch; Betriebswirtschaft; BWL
buchhaltung | kaufmaennisch | Buchhaltung und Rechnungswesen | Accounting | Comptabilité | Finanzbuchhaltung; FiBu; Rechnungswesen; Bilanzierung; DATEV; Lohnbuchhaltung
personalwesen | kaufmaennisch | Personalwesen | Human resources | Ressources humaines | HR; Personalmanagement; Recruiting; Arbeitsrecht
marketing-vertrieb | kaufmaennisch | Marketing und Vertrieb | Marketing and sales | Marketing et vente | Verkauf; Social Media; Online-Marketing; Kundengewinnung
sprachen | | Sprachen | Languages | Langues | Fremdsprachen; Sprachkurs
deutsch-zweitsprache | sprachen | Deutsch als Zweitsprache | German as a second language | Allemand langue seconde | DaZ; DaF; Deutsch als Fremdsprache; Berufssprache Deutsch; Integrationskurs
englisch | sprachen | Englisch | English | Anglais | Business English; Technisches Englisch
franzoesisch | sprachen | Französisch | French | Français | Französischkurs; Wirtschaftsfranzösisch
international | | Internationales | International | International | Europa; Partnerregion
interkulturelle-kompetenz | international | Interkulturelle Kompetenz | Intercultural competence | Compétence interculturelle | Diversity; Vielfalt; Menschen mit Migrationsgeschichte; Integration
mobilitaet-ausland | international | Mobilität im Ausland | Mobility abroad | Mobilité à l'étranger | Auslandsaufenthalt; Auslandspraktikum; Erasmus+; Azubi-Austausch; Jugendaustausch
berufsbildung | | Berufsbildung | Vocational education and training | Formation professionnelle | duale Ausbildung; Ausbildung; Fortbildung
ausbilderqualifizierung | berufsbildung | Ausbilderqualifizierung (AEVO) | Trainer qualification (AEVO) | Qualification des formateurs (AEVO) | AEVO; AdA; Ausbildereignung; Ausbilderschein; Ausbildung der Ausbilder
pruefertraining | berufsbildung | Prüferschulung | Examiner training | Formation des examinateurs | Prüferqualifizierung; Prüfungsausschuss; Prüferinnen und Prüfer; Prüfer-Pool
verbundausbildung | berufsbildung | Verbundausbildung | Joint apprenticeship training | Formation en alternance partagée | Ausbildungsverbund; Ausbildung im Verbund; Trainingsstationen; Auftragsausbildung
paedagogik | berufsbildung | Berufspädagogik | Vocational pedagogy | Pédagogie professionnelle | pädagogische Innovationen; Didaktik; Lernbegleitung; Lehrkräfte
meister | berufsbildung | Meistervorbereitung | Master craftsperson preparation | Préparation au brevet de maîtrise | Meisterschule; Meisterkurs; Meisterprüfung
nachhaltigkeit | | Nachhaltigkeit | Sustainability | Développement durable | Klimaschutz; CSR; Umweltschutz
energieeffizienz | nachhaltigkeit | Energieeffizienz | Energy efficiency | Efficacité énergétique | Energiemanagement; Energieberatung; erneuerbare Energien; Photovoltaik
kreislaufwirtschaft | nachhaltigkeit | Kreislaufwirtschaft | Circular economy | Économie circulaire | Recycling; Ressourceneffizienz; Abfallwirtschaft
arbeitsschutz | | Arbeitssicherheit und Gesundheitsschutz | Occupational health and safety | Santé et sécurité au travail | Arbeitsschutz; Arbeitssicherheit; Unterweisung; Sicherheitsbeauftragte
gesundheitsmanagement | arbeitsschutz | Betriebliches Gesundheitsmanagement | Workplace health management | Gestion de la santé en entreprise | BGM; Gesundheitsförderung; Ergonomie; Stressbewältigung
erste-hilfe | arbeitsschutz | Erste Hilfe | First aid | Premiers secours | Ersthelfer; Betriebssanitäter
flurfoerderzeuge | arbeitsschutz | Flurförderzeuge und Stapler | Forklifts and industrial trucks | Chariots élévateurs | Staplerschein; Gabelstapler; Flurförderzeugführer
"""


def _parse(table: str) -> tuple[TopicData, ...]:
    topics = []
    for line in table.strip().splitlines():
        code, parent, de, en, fr, synonyms = (cell.strip() for cell in line.split("|"))
        words = tuple(word.strip() for word in synonyms.split(";") if word.strip())
        topics.append(TopicData(code, parent or None, de, en, fr, words))
    return tuple(topics)


TOPICS: tuple[TopicData, ...] = _parse(_TABLE)
