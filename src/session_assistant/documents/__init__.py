"""Signed clinical documents: PDF rendering, PAdES signing and verification, shared copies,
client data export and the consent form. No Qt here (``services.documents`` runs them over the vault).
"""
