"""Grammatical gender of nouns used as plainer replacements (checked by hand).

The small spaCy model guesses a bare noun's gender badly ("lettre" as masculine), so the nouns
our rewrites put into letters are listed here; other nouns fall back on their ending.
"""

_FEMININE = (
    "aide année autorisation avance baisse banque base caisse copie correction date demande "
    "distribution dose erreur espèce espèces exception façon faute fin grille hausse "
    "inscription lettre liste maladie mise part personne preuve prolongation rapidité remise "
    "retenue rue règle récupération rénovation signature somme tombe usure utilisation "
    "validité vente vie voix information décision commission loi procédure dette maison "
    "facture famille taxe déclaration étude question réponse adresse allocation attestation "
    "carte commune somme situation aide démarche pièce preuve raison règle suite visite "
    "mairie période semaine journée fois manière chose partie charge condition obligation "
    "autorité personne valeur durée perte difficulté possibilité note dépense formation "
    "participation réduction contribution amende pénalité rente retraite pension santé "
    "sécurité assurance mutuelle caution location propriété parcelle zone construction "
    "clôture toiture façade école classe ligne collecte poubelle eau facture consommation"
).split()

_MASCULINE = (
    "achat arrêt calcul calendrier citoyen compagnon comptage contact conteneur danger "
    "document documents droit début dégât désaccord détail enfant enterrement financement "
    "frère frères gagnant locataire manque matériel médecin nom oubli paiement paragraphe "
    "parent propriétaire refus remboursement renouvellement reste reçu salaire secteur "
    "service tort tribunal usage versement veuf vote courrier dossier montant papier "
    "formulaire rendez-vous accord organisme juge règlement délai retard logement travaux "
    "bien terrain compte avis écrit impôt examen justificatif versement revenu loyer "
    "propriétaire bailleur service guichet mois jour an moment prix coût total taux plan "
    "projet permis certificat contrôle centre bureau site numéro code article texte droit "
    "accès choix changement besoin cas sens but motif problème travail emploi contrat "
    "chèque virement prélèvement échéancier titre handicap soutien suivi accompagnement"
).split()

GENDERS: dict[str, str] = dict.fromkeys(_FEMININE, "Fem") | dict.fromkeys(_MASCULINE, "Masc")
