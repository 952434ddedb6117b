/* Django's date fields each get a pop-up calendar (DateTimeShortcuts.js), and Django draws
   every one of them, a month of links, as soon as the page has loaded, hidden until staff
   open it. A policy's page has some fifty date fields: about 4,700 hidden elements, most of
   its page, built on every load. Here a calendar is drawn when it is first opened instead;
   what staff see when they open it (the month of the field's date, or this month; the arrows,
   the day links) is Django's own drawing, unchanged. docs/admin-cost.md. */
(function () {
  "use strict";

  if (!window.Calendar || !window.DateTimeShortcuts) return;  // a page without date fields

  var draw = Calendar.prototype.drawCurrent;
  // Until its box is opened, a calendar only notes that it is to be drawn.
  Calendar.prototype.drawCurrent = function () {
    if (this.opened) {
      draw.call(this);
    } else {
      this.undrawn = true;
    }
  };

  var open = DateTimeShortcuts.openCalendar;
  DateTimeShortcuts.openCalendar = function (num) {
    var calendar = DateTimeShortcuts.calendars[num];
    if (!calendar.opened) {
      calendar.opened = true;
      // Drawn now at the month Django chose when it made the calendar (this month); the
      // opening below draws the field's own month over it where the field has a date.
      if (calendar.undrawn) draw.call(calendar);
    }
    return open.apply(this, arguments);
  };
})();
