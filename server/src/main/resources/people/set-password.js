// The link carries its token in the fragment, which browsers never send to a server.
(function () {
  var token = new URLSearchParams(location.hash.slice(1)).get("token");
  var m = document.getElementById("m");
  document.getElementById("f").addEventListener("submit", function (e) {
    e.preventDefault();
    var p = document.getElementById("p1").value;
    if (p !== document.getElementById("p2").value) { m.textContent = "The two passwords differ."; return; }
    fetch("/auth/password", {method: "POST", headers: {"Content-Type": "application/json"},
      body: JSON.stringify({token: token, password: p})})
      .then(function (r) {
        if (r.status === 204) { m.textContent = "Your password is set. You can sign in now."; return; }
        return r.json().then(function (b) { m.textContent = (b.errors && b.errors[0].message) || ("Failed: " + r.status); });
      })
      .catch(function () { m.textContent = "The server could not be reached."; });
  });
})();
