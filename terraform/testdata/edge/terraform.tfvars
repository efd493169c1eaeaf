days      = "0"
encrypted = "yes"
