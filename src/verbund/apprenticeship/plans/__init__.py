"""Training framework plans (Ausbildungsrahmenplan) as plain data, free of Django.

``extract`` reads the official regulation texts (Markdown of the Federal Law Gazette
versions); ``catalog`` lists the seven regulations and which table of each is read; ``groups``
reads the three whose time guidelines are months per group of positions (Zeitrahmen).
"""
