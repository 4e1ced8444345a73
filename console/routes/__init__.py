"""HTTP routes of the console, one module per area; :func:`console.app.create_app` includes them."""
