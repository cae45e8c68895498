# Työjono suurella tikettimäärällä (sivutus, rajatut lukumäärät, osuvuusjärjestys).
error-cursor-invalid = Sivun jatkokohta ei kelpaa näille suodattimille. Aloita jonon alusta.
# Lukumäärä, joka on laskettu vain rajaan asti, esimerkiksi "1 000+".
desk-count-more = { $count }+
desk-next-page = Seuraava sivu
desk-first-page = Ensimmäinen sivu
desk-pages = Jonon sivut
desk-sort-relevance = Osuvimmat ensin (haku)
