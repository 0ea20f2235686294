// Commune picker: turns every input[data-commune-picker] into an ARIA 1.2 combobox (list
// autocomplete, listbox popup) fed by GET /communes?format=json&q=…. Without this script the
// input still works: the server resolves what was typed and offers radio buttons for homonyms.
// Texts come from the input's data-picker-* attributes, rendered in the page's language by
// templates/partials/commune_picker.html. No framework, no inline style (CSP: style-src 'self').
(function () {
  'use strict';

  if (window.ptceCommunePicker) {
    return; // the partial links this script once per picker
  }

  var MIN_CHARS = 2;
  var DELAY_MS = 200;
  var counter = 0;

  function enhance(input) {
    if (input.dataset.communePickerReady) {
      return;
    }
    input.dataset.communePickerReady = 'true';
    if (!input.id) {
      counter += 1;
      input.id = 'commune-picker-' + counter;
    }
    var texts = {
      listbox: input.dataset.pickerListbox || 'Communes',
      none: input.dataset.pickerNone || '',
      one: input.dataset.pickerOne || '',
      many: input.dataset.pickerMany || '',
      failed: input.dataset.pickerFailed || ''
    };

    var control = input.parentElement;
    if (!control.classList.contains('commune-picker__control')) {
      control = document.createElement('div');
      control.className = 'commune-picker__control';
      input.parentElement.insertBefore(control, input);
      control.appendChild(input);
    }

    var listbox = document.createElement('ul');
    listbox.id = input.id + '-listbox';
    listbox.className = 'commune-picker__listbox';
    listbox.setAttribute('role', 'listbox');
    listbox.setAttribute('aria-label', texts.listbox);
    listbox.hidden = true;
    control.appendChild(listbox);

    var status = document.createElement('div');
    status.className = 'visually-hidden';
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    control.appendChild(status);

    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', listbox.id);

    var results = [];
    var active = -1;
    var timer = null;
    var controller = null;
    var asked = 0;
    var lastQuery = null;

    function announce(text) {
      // The same words twice in a row would not be read again: vary an invisible character.
      status.textContent = status.textContent === text ? text + '\u00a0' : text;
    }

    function open() {
      if (results.length > 0) {
        listbox.hidden = false;
        input.setAttribute('aria-expanded', 'true');
      }
    }

    function close() {
      listbox.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      setActive(-1);
    }

    function setActive(index) {
      var options = listbox.children;
      if (active >= 0 && options[active]) {
        options[active].setAttribute('aria-selected', 'false');
      }
      active = index;
      if (active >= 0 && options[active]) {
        options[active].setAttribute('aria-selected', 'true');
        input.setAttribute('aria-activedescendant', options[active].id);
        options[active].scrollIntoView({ block: 'nearest' });
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    }

    function choose(index) {
      var commune = results[index];
      if (!commune) {
        return;
      }
      input.value = commune.label;
      lastQuery = commune.label;
      close();
      results = [];
      listbox.textContent = '';
      input.dispatchEvent(new Event('change', { bubbles: true }));
    }

    function render(list) {
      results = list;
      active = -1;
      input.removeAttribute('aria-activedescendant');
      listbox.textContent = '';
      list.forEach(function (commune, index) {
        var option = document.createElement('li');
        option.id = input.id + '-option-' + index;
        option.className = 'commune-picker__option';
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', 'false');
        option.textContent = commune.label;
        // Keep the focus in the input while the pointer chooses.
        option.addEventListener('mousedown', function (event) {
          event.preventDefault();
        });
        option.addEventListener('click', function () {
          choose(index);
        });
        listbox.appendChild(option);
      });
      if (list.length === 0) {
        close();
        announce(texts.none);
      } else {
        open();
        announce(list.length === 1 ? texts.one : list.length + ' ' + texts.many);
      }
    }

    function lookUp() {
      var query = input.value.trim();
      if (query === lastQuery) {
        return;
      }
      lastQuery = query;
      if (controller) {
        controller.abort();
        controller = null;
      }
      if (query.length < MIN_CHARS) {
        results = [];
        listbox.textContent = '';
        close();
        return;
      }
      asked += 1;
      var mine = asked;
      controller = typeof AbortController === 'function' ? new AbortController() : null;
      fetch('/communes?format=json&q=' + encodeURIComponent(query), {
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
        signal: controller ? controller.signal : undefined
      })
        .then(function (response) {
          if (!response.ok) {
            throw new Error('HTTP ' + response.status);
          }
          return response.json();
        })
        .then(function (list) {
          if (mine === asked && document.activeElement === input) {
            render(Array.isArray(list) ? list : []);
          }
        })
        .catch(function (error) {
          if (error && error.name === 'AbortError') {
            return;
          }
          if (mine === asked) {
            results = [];
            listbox.textContent = '';
            close();
            lastQuery = null;
            announce(texts.failed);
          }
        });
    }

    input.addEventListener('input', function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(lookUp, DELAY_MS);
    });

    input.addEventListener('keydown', function (event) {
      var expanded = !listbox.hidden;
      switch (event.key) {
        case 'ArrowDown':
          if (results.length === 0) {
            return;
          }
          event.preventDefault();
          if (!expanded) {
            open();
            if (!event.altKey) {
              setActive(0);
            }
          } else {
            setActive((active + 1) % results.length);
          }
          break;
        case 'ArrowUp':
          if (results.length === 0) {
            return;
          }
          event.preventDefault();
          if (!expanded) {
            open();
            setActive(results.length - 1);
          } else {
            setActive(active <= 0 ? results.length - 1 : active - 1);
          }
          break;
        case 'Enter':
          // With an option highlighted, Enter chooses it; otherwise the form submits as usual.
          if (expanded && active >= 0) {
            event.preventDefault();
            choose(active);
          }
          break;
        case 'Escape':
          if (expanded) {
            event.preventDefault();
            close();
          }
          break;
        case 'Tab':
          close();
          break;
        default:
          break;
      }
    });

    input.addEventListener('blur', function () {
      close();
    });

    input.addEventListener('focus', function () {
      // Coming back to a field whose suggestions are still current.
      if (results.length > 0 && input.value.trim() === lastQuery) {
        open();
      }
    });
  }

  function enhanceAll(root) {
    var scope = root && root.querySelectorAll ? root : document;
    var inputs = scope.querySelectorAll('input[data-commune-picker]');
    for (var i = 0; i < inputs.length; i += 1) {
      enhance(inputs[i]);
    }
  }

  window.ptceCommunePicker = { enhance: enhance, enhanceAll: enhanceAll };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', function () {
      enhanceAll(document);
    });
  } else {
    enhanceAll(document);
  }
  // Content swapped in by htmx gets its pickers too.
  document.addEventListener('htmx:load', function (event) {
    enhanceAll(event.target);
  });
})();
