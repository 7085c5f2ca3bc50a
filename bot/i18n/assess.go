package i18n

var NoUnit = Text{"Chưa gắn đơn vị", "No unit"}
