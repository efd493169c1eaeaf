retention = 14
