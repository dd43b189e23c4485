"""The encrypted practice vault (SQLCipher): keys, connection, migrations, audit. No Qt here."""
