"""Personal data (RGPD): retention, anonymisation, a person's rights, the register."""
