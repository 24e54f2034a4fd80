"""Hand-written course offers of the demo's training providers.

Each entry says which kinds of provider run it: ``vhs`` (adult education centres),
``hw`` (Kreishandwerkerschaften), ``bbs`` (vocational schools), ``bw`` (other education
centres). Prices are what such courses cost in Lower Saxony; online courses never mention a
room. Texts read like a provider's own catalogue; nothing is combined from fragments.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoCourse:
    kinds: str  # space-separated provider kinds
    title: str
    topics: tuple[str, ...]
    format: str  # praesenz | online | hybrid
    hours: int
    price: str  # EUR, Decimal string
    certificate: str
    target_groups: tuple[str, ...]
    funding: tuple[str, ...]
    time_of_day: str
    description: str


C = DemoCourse
COURSES = (
    C("hw bbs", "MAG-Schweißen für Einsteiger", ("schweissen",), "praesenz", 40, "890.00",
      "zertifikat", ("beschaeftigte", "arbeitsuchende"), ("bildungsgutschein",), "ganztags",
      "In fünf Tagen lernen Sie das Metall-Aktivgas-Schweißen an Stahlblechen und Rohren: "
      "Geräteeinstellung, Kehl- und Stumpfnähte in verschiedenen Positionen, typische "
      "Nahtfehler und wie man sie vermeidet. Der größte Teil findet an eigenen Schweißplätzen "
      "in unserer Lehrwerkstatt statt. Schutzkleidung wird gestellt."),
    C("hw", "WIG-Schweißen an Edelstahl und Aluminium", ("schweissen",), "praesenz", 40,
      "1090.00", "zertifikat", ("beschaeftigte",), ("qualifizierungschancengesetz",),
      "ganztags",
      "Für Fachkräfte mit ersten Schweißerfahrungen: Wolfram-Inertgas-Schweißen an dünnen "
      "Edelstahl- und Aluminiumblechen, Wahl von Elektrode und Schutzgas, Anlauffarben und "
      "Nacharbeit. Am Ende schweißen Sie eine Arbeitsprobe nach DIN EN ISO 9606."),
    C("hw bbs", "Schweißerprüfung nach DIN EN ISO 9606-1 (Vorbereitung)", ("schweissen",),
      "praesenz", 24, "640.00", "zertifikat", ("beschaeftigte",), (), "ganztags",
      "Drei Tage gezieltes Üben der Prüfstücke, die Ihr Betrieb braucht, mit anschließender "
      "Prüfung durch eine anerkannte Prüfstelle. Die Prüfgebühr ist im Preis enthalten."),
    C("hw bbs", "CNC-Drehen und -Fräsen: Programmieren nach PAL", ("cnc",), "praesenz", 80,
      "1680.00", "zertifikat", ("beschaeftigte", "arbeitsuchende"), ("bildungsgutschein",),
      "ganztags",
      "Sie schreiben Programme für Dreh- und Fräsmaschinen nach PAL-Norm, simulieren sie am "
      "Rechner und fahren sie an der Maschine ein. Geeignet für Zerspanungsmechaniker und "
      "Quereinsteiger mit technischem Grundverständnis."),
    C("hw", "Elektrofachkraft für festgelegte Tätigkeiten", ("elektro",), "praesenz", 80,
      "1450.00", "zertifikat", ("beschaeftigte",), ("qualifizierungschancengesetz",),
      "ganztags",
      "Nach DGUV Vorschrift 3 dürfen Sie danach festgelegte elektrotechnische Arbeiten in "
      "Ihrem Betrieb selbst ausführen, etwa das Anschließen von Geräten oder den Tausch von "
      "Leuchten. Mit Theorie, praktischen Übungen und schriftlicher Abschlussprüfung."),
    C("hw bbs", "SPS-Programmierung mit TIA Portal (Grundkurs)", ("automatisierung",),
      "praesenz", 40, "1190.00", "zertifikat", ("beschaeftigte",), ("bildungsgutschein",),
      "ganztags",
      "Aufbau einer speicherprogrammierbaren Steuerung, Programmieren in Kontaktplan und "
      "Funktionsplan, Fehlersuche an Übungsanlagen. Jede Teilnehmerin und jeder Teilnehmer "
      "arbeitet an einem eigenen Trainingskoffer."),
    C("hw", "Fachkundige Person für Photovoltaikanlagen", ("elektro", "energieeffizienz"),
      "hybrid", 32, "980.00", "zertifikat", ("beschaeftigte", "selbststaendige"), (),
      "ganztags",
      "Planung, Montage und Inbetriebnahme von PV-Anlagen mit Speicher auf Wohn- und "
      "Gewerbedächern. Die Theorie lernen Sie an zwei Abenden online, die Praxis an zwei "
      "Tagen auf unserem Übungsdach."),
    C("hw", "Gebäudeenergieberatung im Handwerk", ("energieeffizienz", "bau"), "hybrid", 120,
      "2950.00", "hwk_pruefung", ("beschaeftigte", "selbststaendige"), ("aufstiegs_bafoeg",),
      "wochenende",
      "Berufsbegleitend an Freitagen und Samstagen: Bauphysik, Anlagentechnik, Förderprogramme "
      "und der individuelle Sanierungsfahrplan. Abschluss mit Prüfung vor der "
      "Handwerkskammer; danach können Sie sich in die Energieeffizienz-Expertenliste eintragen."),
    C("hw", "Vorbereitung auf die Meisterprüfung Teil III und IV", ("meister",), "praesenz",
      320, "3400.00", "hwk_pruefung", ("beschaeftigte",), ("aufstiegs_bafoeg",), "abends",
      "Betriebswirtschaft, Recht, Berufs- und Arbeitspädagogik für alle Gewerke, in Teilzeit "
      "an zwei Abenden pro Woche und einzelnen Samstagen. Das Aufstiegs-BAföG übernimmt einen "
      "großen Teil der Lehrgangskosten."),
    C("hw bbs vhs bw", "Ausbildung der Ausbilder (AEVO)", ("ausbilderqualifizierung",),
      "praesenz", 90, "620.00", "ihk_pruefung", ("beschaeftigte", "fuehrungskraefte"),
      ("aufstiegs_bafoeg",), "abends",
      "Sie bereiten sich auf die Ausbilder-Eignungsprüfung vor: Ausbildung planen, "
      "Auszubildende auswählen und anleiten, Ausbildung abschließen. Mit Probeprüfung und "
      "Übungen zur praktischen Unterweisung."),
    C("bbs bw", "Ausbildung der Ausbilder (AEVO) online", ("ausbilderqualifizierung",),
      "online", 90, "590.00", "ihk_pruefung", ("beschaeftigte", "fuehrungskraefte"),
      ("aufstiegs_bafoeg",), "abends",
      "Der AEVO-Lehrgang als Live-Onlinekurs an zwei Abenden pro Woche, dazu Lernvideos für "
      "die Zeit dazwischen. Die Prüfung legen Sie bei Ihrer zuständigen Kammer ab."),
    C("hw bw", "Prüferinnen und Prüfer im Ehrenamt: Einführung", ("pruefertraining",),
      "praesenz", 8, "0.00", "teilnahmebescheinigung", ("beschaeftigte",), (), "ganztags",
      "Für neue Mitglieder von Prüfungsausschüssen: rechtliche Grundlagen, Bewertung "
      "praktischer Aufgaben, Fachgespräch führen, Befangenheit. Die Teilnahme ist für "
      "berufene Prüferinnen und Prüfer kostenfrei."),
    C("bw bbs", "Verbundausbildung organisieren", ("verbundausbildung",), "online", 6,
      "0.00", "teilnahmebescheinigung", ("fuehrungskraefte", "selbststaendige"), (),
      "vormittags",
      "Wie kleine Betriebe gemeinsam ausbilden: Modelle, Verträge, Kostenteilung und "
      "Förderung. Zwei Vormittage online mit Beispielen aus Betrieben der Region."),
    C("vhs bw", "Excel Grundlagen", ("tabellenkalkulation",), "praesenz", 16, "160.00",
      "teilnahmebescheinigung", ("beschaeftigte", "berufsrueckkehrende"), (), "abends",
      "Tabellen anlegen und gestalten, rechnen mit Formeln und einfachen Funktionen, "
      "Diagramme erstellen und drucken. Für alle, die bisher wenig oder gar nicht mit Excel "
      "gearbeitet haben. Eigene Laptops sind nicht nötig."),
    C("vhs bw", "Excel für Fortgeschrittene: Pivot-Tabellen und SVERWEIS", ("tabellenkalkulation",),
      "online", 12, "145.00", "teilnahmebescheinigung", ("beschaeftigte",), (), "abends",
      "Große Listen auswerten mit Pivot-Tabellen, Daten verknüpfen mit SVERWEIS und "
      "XVERWEIS, bedingte Formatierung und Datenüberprüfung. Vier Abende live im virtuellen "
      "Klassenraum; die Übungsdateien bekommen Sie vorab."),
    C("vhs", "Word und Outlook im Büroalltag", ("office",), "praesenz", 16, "150.00",
      "teilnahmebescheinigung", ("beschaeftigte", "berufsrueckkehrende"), (), "vormittags",
      "Briefe und Serienbriefe mit Word, E-Mails und Termine mit Outlook geschickt "
      "organisieren. Besonders geeignet für den Wiedereinstieg ins Büro."),
    C("vhs bw", "Fit für den digitalen Arbeitsplatz", ("digitalisierung",), "praesenz", 24,
      "210.00", "teilnahmebescheinigung", ("beschaeftigte", "berufsrueckkehrende"),
      ("landesfoerderung",), "vormittags",
      "Dateien in der Cloud ablegen und teilen, Videokonferenzen, digitale Formulare und "
      "sichere Passwörter: das Handwerkszeug für Beschäftigte, deren Arbeit sich gerade "
      "digitalisiert. In kleinen Gruppen und ohne Vorkenntnisse."),
    C("vhs bw", "Künstliche Intelligenz im Büro: ChatGPT und Co. sinnvoll nutzen",
      ("kuenstliche-intelligenz",), "online", 6, "79.00", "teilnahmebescheinigung",
      ("beschaeftigte", "fuehrungskraefte"), (), "abends",
      "Was KI-Assistenten können und was nicht: Texte entwerfen, zusammenfassen, Daten "
      "auswerten, gute Anweisungen formulieren. Dazu Datenschutz und Urheberrecht. Zwei "
      "Abende online mit vielen Übungen."),
    C("bw", "KI im Handwerksbetrieb: Angebote, Dokumentation, Kundenkontakt",
      ("kuenstliche-intelligenz", "digitalisierung"), "praesenz", 8, "190.00",
      "teilnahmebescheinigung", ("selbststaendige", "fuehrungskraefte"), (), "ganztags",
      "An einem Tag probieren Sie aus, wie KI-Werkzeuge Angebote vorbereiten, Baustellen "
      "dokumentieren und Kundenanfragen beantworten helfen. Mit Beispielen aus Betrieben "
      "der Region und einer Checkliste für den Einstieg."),
    C("vhs bw", "IT-Sicherheit für kleine Betriebe", ("it-sicherheit",), "online", 8,
      "120.00", "teilnahmebescheinigung", ("selbststaendige", "beschaeftigte"), (),
      "nachmittags",
      "Phishing erkennen, Datensicherung einrichten, Updates und Passwörter organisieren: "
      "die wichtigsten Schutzmaßnahmen für Betriebe ohne eigene IT-Abteilung, in zwei "
      "Online-Nachmittagen."),
    C("vhs", "Datenschutz im Betrieb: die DSGVO praktisch umsetzen", ("datenschutz",),
      "online", 4, "65.00", "teilnahmebescheinigung", ("selbststaendige", "fuehrungskraefte"),
      (), "vormittags",
      "Verzeichnis der Verarbeitungstätigkeiten, Einwilligungen, Auskunftsersuchen und "
      "Datenpannen: was kleine Betriebe tun müssen, mit Mustervorlagen zum Mitnehmen."),
    C("vhs bw", "Buchhaltung Grundlagen", ("buchhaltung",), "praesenz", 40, "320.00",
      "teilnahmebescheinigung", ("beschaeftigte", "berufsrueckkehrende", "selbststaendige"),
      ("bildungsgutschein",), "abends",
      "Von der Inventur zur Bilanz: Buchungssätze, Konten, Umsatzsteuer und der "
      "Jahresabschluss im Überblick. Mit vielen Übungsbelegen aus kleinen Betrieben."),
    C("vhs bw", "Lohn- und Gehaltsabrechnung", ("buchhaltung", "personalwesen"), "hybrid", 48,
      "540.00", "zertifikat", ("beschaeftigte", "berufsrueckkehrende"), ("bildungsgutschein",),
      "vormittags",
      "Brutto-Netto-Rechnung, Sozialversicherung, Minijobs, Sachbezüge und die Meldungen an "
      "Krankenkassen und Finanzamt. Unterricht wahlweise vor Ort oder zugeschaltet."),
    C("vhs bw", "DATEV-Buchführung für Einsteiger", ("buchhaltung",), "praesenz", 24, "390.00",
      "zertifikat", ("beschaeftigte", "berufsrueckkehrende"), ("bildungsgutschein",),
      "vormittags",
      "Belege erfassen, Kontenrahmen SKR 03 und 04, Offene-Posten-Listen und die "
      "Umsatzsteuer-Voranmeldung mit DATEV Kanzlei-Rechnungswesen."),
    C("vhs bw", "Führen ohne Vorgesetztenfunktion", ("fuehrung", "kommunikation"), "praesenz",
      16, "420.00", "teilnahmebescheinigung", ("beschaeftigte",), (), "ganztags",
      "Für Vorarbeiterinnen, Projektleiter und Teamsprecher: Aufgaben verteilen, Gespräche "
      "führen, mit Widerstand umgehen, ohne Weisungsbefugnis überzeugen. Zwei Tage mit "
      "Fallbeispielen aus Ihrem Alltag."),
    C("bw", "Neu in der Führungsrolle", ("fuehrung",), "praesenz", 24, "690.00",
      "zertifikat", ("fuehrungskraefte",), ("qualifizierungschancengesetz",), "ganztags",
      "Rollenwechsel vom Kollegen zur Vorgesetzten, Mitarbeitergespräche, Delegation und "
      "Feedback. Drei Tage im Abstand von je vier Wochen, damit Sie das Gelernte zwischendurch "
      "ausprobieren können."),
    C("bw vhs", "Generationen im Team: gemeinsam besser arbeiten", ("generationen",),
      "praesenz", 8, "180.00", "teilnahmebescheinigung", ("fuehrungskraefte", "beschaeftigte"),
      (), "ganztags",
      "Erfahrene Beschäftigte und junge Kolleginnen und Kollegen haben unterschiedliche "
      "Erwartungen an Arbeit. Sie lernen, Wissen zwischen den Generationen weiterzugeben, "
      "altersgemischte Teams zu führen und Arbeitsplätze für Beschäftigte über 50 gesund zu "
      "gestalten."),
    C("bw", "Wissenstransfer vor dem Ruhestand organisieren", ("generationen",), "online", 4,
      "95.00", "teilnahmebescheinigung", ("fuehrungskraefte", "selbststaendige"), (),
      "nachmittags",
      "Wenn langjährige Fachkräfte in Rente gehen, geht oft Wissen verloren. An einem "
      "Nachmittag lernen Sie Methoden wie Tandems, Wissenslandkarten und Übergabegespräche "
      "kennen."),
    C("bw vhs", "Mobiles Arbeiten und hybride Teams gestalten", ("neue-arbeitsformen",),
      "online", 8, "160.00", "teilnahmebescheinigung", ("fuehrungskraefte", "beschaeftigte"),
      (), "vormittags",
      "Regeln für Homeoffice und Präsenz, Zusammenarbeit mit digitalen Werkzeugen, "
      "Erreichbarkeit und Arbeitsschutz zu Hause. Mit einer Vorlage für eine "
      "Betriebsvereinbarung."),
    C("bw", "Agiles Arbeiten im Mittelstand", ("neue-arbeitsformen", "projektmanagement"),
      "praesenz", 16, "480.00", "teilnahmebescheinigung", ("fuehrungskraefte", "beschaeftigte"),
      (), "ganztags",
      "Kanban-Tafeln, kurze Abstimmungsrunden und Rückblicke: wie kleine und mittlere Betriebe "
      "Projekte beweglicher steuern, ohne gleich das ganze Unternehmen umzubauen."),
    C("vhs bw", "Projektmanagement kompakt", ("projektmanagement",), "hybrid", 24, "450.00",
      "zertifikat", ("beschaeftigte", "fuehrungskraefte"), ("bildungsgutschein",), "ganztags",
      "Ziele klären, Projekte planen, Risiken abschätzen und Termine halten. Mit einem "
      "eigenen Projekt aus Ihrem Betrieb, das Sie durch den Kurs begleitet."),
    C("vhs bw", "Konflikte im Team lösen", ("kommunikation",), "praesenz", 8, "150.00",
      "teilnahmebescheinigung", ("beschaeftigte", "fuehrungskraefte"), (), "ganztags",
      "Wie Konflikte entstehen, wie man sie früh erkennt und in einem klärenden Gespräch "
      "löst. Mit Rollenspielen in kleinen Gruppen."),
    C("vhs bw", "Deutsch für den Beruf B1/B2", ("deutsch-zweitsprache",), "praesenz", 300,
      "0.00", "zertifikat", ("gefluechtete", "arbeitsuchende", "beschaeftigte"), (),
      "vormittags",
      "Berufsbezogener Deutschkurs nach dem Programm des Bundesamts für Migration und "
      "Flüchtlinge: Telefonate, E-Mails, Besprechungen und Fachwortschatz. Für Zugewanderte "
      "mit Sprachniveau B1 ist die Teilnahme kostenfrei."),
    C("vhs", "Deutsch am Arbeitsplatz: Pflege und Gesundheit", ("deutsch-zweitsprache",),
      "praesenz", 120, "0.00", "zertifikat", ("beschaeftigte", "gefluechtete"), (),
      "nachmittags",
      "Dokumentation, Übergabe und Gespräche mit Angehörigen: Deutsch für Pflegekräfte, die "
      "bereits arbeiten. Der Kurs liegt nachmittags, passend zum Schichtdienst."),
    C("vhs", "Englisch im Beruf A2", ("englisch",), "praesenz", 30, "190.00",
      "teilnahmebescheinigung", ("beschaeftigte",), (), "abends",
      "Sich und den Betrieb vorstellen, telefonieren, einfache E-Mails schreiben und "
      "Besucherinnen und Besucher empfangen. Für Beschäftigte mit Grundkenntnissen."),
    C("vhs", "Französisch für Partnerschaften und Austausch", ("franzoesisch",
      "interkulturelle-kompetenz"), "praesenz", 30, "190.00", "teilnahmebescheinigung",
      ("beschaeftigte", "auszubildende"), (), "abends",
      "Für alle, die mit Partnern in der Normandie oder in Belfort arbeiten: Begrüßung, "
      "Vorstellung, kleine Gespräche im Betrieb und Landeskunde."),
    C("bbs bw", "Fit für das Auslandspraktikum", ("mobilitaet-ausland",
      "interkulturelle-kompetenz"), "praesenz", 12, "0.00", "teilnahmebescheinigung",
      ("auszubildende",), (), "nachmittags",
      "Vorbereitung von Auszubildenden auf ein Praktikum mit Erasmus+: Reise, Versicherung, "
      "Arbeiten im Gastbetrieb, interkulturelle Stolperfallen. Die Teilnahme ist kostenfrei."),
    C("hw bbs bw", "Gabelstaplerschein (Fahrausweis Flurförderzeuge)", ("flurfoerderzeuge",),
      "praesenz", 16, "280.00", "zertifikat", ("beschaeftigte", "arbeitsuchende"),
      ("bildungsgutschein",), "ganztags",
      "Theorie und Praxis nach DGUV Grundsatz 308-001: Standsicherheit, Lastaufnahme, "
      "Verkehrsregeln im Betrieb und eine praktische Fahrprüfung auf dem Übungsgelände."),
    C("hw vhs bw", "Erste Hilfe im Betrieb", ("erste-hilfe",), "praesenz", 9, "65.00",
      "teilnahmebescheinigung", ("beschaeftigte", "auszubildende"), (), "ganztags",
      "Die Ausbildung zur betrieblichen Ersthelferin und zum Ersthelfer nach DGUV, an einem "
      "Tag. Die Kosten übernimmt meist die Berufsgenossenschaft."),
    C("bw", "Betriebliches Gesundheitsmanagement aufbauen", ("gesundheitsmanagement",),
      "hybrid", 16, "390.00", "teilnahmebescheinigung", ("fuehrungskraefte",), (), "ganztags",
      "Gefährdungsbeurteilung psychischer Belastungen, Angebote für ältere Beschäftigte, "
      "Zusammenarbeit mit Krankenkassen: Schritt für Schritt zum eigenen "
      "Gesundheitsmanagement."),
    C("bw hw", "Kreislaufwirtschaft im Handwerk", ("kreislaufwirtschaft", "nachhaltigkeit"),
      "online", 4, "0.00", "teilnahmebescheinigung", ("selbststaendige", "fuehrungskraefte"),
      (), "nachmittags",
      "Material sparen, Reststoffe verwerten, Reparatur als Geschäftsmodell: ein Nachmittag "
      "mit Beispielen aus Tischlereien, Kfz-Werkstätten und Metallbaubetrieben."),
    C("hw bbs", "Hochvolt-Fahrzeuge: Arbeiten an Elektroautos (Stufe 2)", ("kfz", "elektro"),
      "praesenz", 24, "890.00", "zertifikat", ("beschaeftigte",),
      ("qualifizierungschancengesetz",), "ganztags",
      "Qualifizierung nach DGUV Information 209-093 für Kfz-Mechatronikerinnen und "
      "-Mechatroniker: spannungsfrei schalten, sichern, prüfen. Mit Übungen am "
      "Hochvolt-Trainingsfahrzeug."),
    C("vhs bw", "Marketing mit sozialen Medien für kleine Betriebe", ("marketing-vertrieb",),
      "online", 8, "120.00", "teilnahmebescheinigung", ("selbststaendige", "beschaeftigte"),
      (), "abends",
      "Instagram, Facebook und Google-Unternehmensprofil: Beiträge planen, Fotos von der "
      "Arbeit zeigen, auf Bewertungen antworten und Nachwuchs ansprechen."),
    C("bbs bw", "Lernbegleitung in der Ausbildung", ("paedagogik",), "praesenz", 16, "240.00",
      "teilnahmebescheinigung", ("beschaeftigte",), (), "ganztags",
      "Für Ausbildende und ausbildende Fachkräfte: Lernschwierigkeiten erkennen, Auszubildende "
      "motivieren, mit Berufsschule und Eltern zusammenarbeiten."),
)  # fmt: skip
