<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>BlockedBanner</name>
    <message>
        <location filename="../../qml/BlockedBanner.qml" line="32"/>
        <source>1 item was blocked: it did not come from your cameras or was altered.</source>
        <translation>1 élément a été bloqué : il ne vient pas de vos caméras ou a été modifié.</translation>
    </message>
    <message>
        <location filename="../../qml/BlockedBanner.qml" line="33"/>
        <source>%1 items were blocked: they did not come from your cameras or were altered.</source>
        <translation>%1 éléments ont été bloqués : ils ne viennent pas de vos caméras ou ont été modifiés.</translation>
    </message>
    <message>
        <location filename="../../qml/BlockedBanner.qml" line="34"/>
        <source>Reports are queued and will be sent.</source>
        <translation>Les signalements sont en attente et seront envoyés.</translation>
    </message>
    <message>
        <location filename="../../qml/BlockedBanner.qml" line="35"/>
        <source>They were reported to the cloud.</source>
        <translation>Ils ont été signalés au cloud.</translation>
    </message>
    <message>
        <location filename="../../qml/BlockedBanner.qml" line="40"/>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
</context>
<context>
    <name>CamerasPage</name>
    <message>
        <location filename="../../qml/CamerasPage.qml" line="11"/>
        <location filename="../../qml/CamerasPage.qml" line="19"/>
        <source>Cameras</source>
        <translation>Caméras</translation>
    </message>
    <message>
        <location filename="../../qml/CamerasPage.qml" line="37"/>
        <source>%1, %2, %3</source>
        <translation>%1, %2, %3</translation>
    </message>
    <message>
        <location filename="../../qml/CamerasPage.qml" line="37"/>
        <source>online</source>
        <translation>en ligne</translation>
    </message>
    <message>
        <location filename="../../qml/CamerasPage.qml" line="37"/>
        <source>offline</source>
        <translation>hors ligne</translation>
    </message>
    <message>
        <location filename="../../qml/CamerasPage.qml" line="38"/>
        <source>yours</source>
        <translation>à vous</translation>
    </message>
    <message>
        <location filename="../../qml/CamerasPage.qml" line="38"/>
        <source>shared with you</source>
        <translation>partagée avec vous</translation>
    </message>
    <message>
        <location filename="../../qml/CamerasPage.qml" line="38"/>
        <source>not verified yet</source>
        <translation>pas encore vérifiée</translation>
    </message>
    <message>
        <location filename="../../qml/CamerasPage.qml" line="69"/>
        <source>Online</source>
        <translation>En ligne</translation>
    </message>
    <message>
        <location filename="../../qml/CamerasPage.qml" line="69"/>
        <source>Offline</source>
        <translation>Hors ligne</translation>
    </message>
    <message>
        <location filename="../../qml/CamerasPage.qml" line="80"/>
        <source>Yours</source>
        <translation>À vous</translation>
    </message>
    <message>
        <location filename="../../qml/CamerasPage.qml" line="80"/>
        <source>Shared with you</source>
        <translation>Partagée avec vous</translation>
    </message>
    <message>
        <location filename="../../qml/CamerasPage.qml" line="80"/>
        <source>Not verified yet</source>
        <translation>Pas encore vérifiée</translation>
    </message>
    <message>
        <location filename="../../qml/CamerasPage.qml" line="90"/>
        <source>No cameras</source>
        <translation>Aucune caméra</translation>
    </message>
    <message>
        <location filename="../../qml/CamerasPage.qml" line="91"/>
        <source>Cameras you own or that are shared with you appear here.</source>
        <translation>Les caméras qui vous appartiennent ou qui sont partagées avec vous apparaissent ici.</translation>
    </message>
</context>
<context>
    <name>Check</name>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="17"/>
        <source>All checks passed</source>
        <translation>Toutes les vérifications réussies</translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="21"/>
        <source>The camera&apos;s record is well formed</source>
        <translation>L&apos;enregistrement de la caméra est bien formé</translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="24"/>
        <source>Signed with an accepted algorithm</source>
        <translation>Signé avec un algorithme accepté</translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="27"/>
        <source>Camera certificate chains to a trusted maker</source>
        <translation>Certificat de la caméra rattaché à un fabricant de confiance</translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="30"/>
        <source>Camera not revoked</source>
        <translation>Caméra non révoquée</translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="33"/>
        <source>Camera signature valid</source>
        <translation>Signature de la caméra valide</translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="36"/>
        <source>Record names this event and camera</source>
        <translation>L&apos;enregistrement nomme cet événement et cette caméra</translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="39"/>
        <source>Capture time plausible</source>
        <translation>Heure de capture plausible</translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="42"/>
        <source>Picture or video bytes are the signed ones</source>
        <translation>Les octets de l&apos;image ou de la vidéo sont ceux signés</translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="45"/>
        <source>Ownership proof present</source>
        <translation>Preuve de propriété présente</translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="48"/>
        <source>Ownership proof genuine</source>
        <translation>Preuve de propriété authentique</translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="51"/>
        <source>Ownership proof not revoked</source>
        <translation>Preuve de propriété non révoquée</translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="54"/>
        <source>Ownership proof names this camera</source>
        <translation>La preuve de propriété nomme cette caméra</translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="57"/>
        <source>Camera recorded under this ownership</source>
        <translation>Caméra ayant enregistré sous cette propriété</translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="60"/>
        <source>Recorded while the ownership was valid</source>
        <translation>Enregistré pendant la période de propriété</translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="62"/>
        <source>Ownership proof names your account</source>
        <translation>La preuve de propriété nomme votre compte</translation>
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <location filename="../../qml/ConfirmDialog.qml" line="38"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>DayLabel</name>
    <message>
        <location filename="../../core/model/DayLabel.cpp" line="17"/>
        <source>Today</source>
        <translation>Aujourd&apos;hui</translation>
    </message>
    <message>
        <location filename="../../core/model/DayLabel.cpp" line="19"/>
        <source>Yesterday</source>
        <translation>Hier</translation>
    </message>
    <message>
        <location filename="../../core/model/DayLabel.cpp" line="27"/>
        <source>Blocked items</source>
        <translation>Éléments bloqués</translation>
    </message>
</context>
<context>
    <name>DiagnosticsPage</name>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="51"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="54"/>
        <source>Bundle written (no media, no tokens, pseudonymised IDs).</source>
        <translation>Rapport écrit (sans média, sans jeton, identifiants pseudonymisés).</translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="15"/>
        <location filename="../../qml/DiagnosticsPage.qml" line="72"/>
        <source>Diagnostics</source>
        <translation>Diagnostic</translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="77"/>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="78"/>
        <source>Export diagnostics</source>
        <translation>Exporter le diagnostic</translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="84"/>
        <source>This app</source>
        <translation>Cette application</translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="99"/>
        <source>Account: %1 (pseudonym)</source>
        <translation>Compte : %1 (pseudonyme)</translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="104"/>
        <source>Trust store and revocations</source>
        <translation>Ancres de confiance et révocations</translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="108"/>
        <source>Anchors SHA-256: %1</source>
        <translation>SHA-256 des ancres : %1</translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="116"/>
        <source>Revocation list seq %1: %2 devices, %3 claims (%4)</source>
        <translation>Liste de révocation n° %1 : %2 appareils, %3 preuves de propriété (%4)</translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="119"/>
        <source>No revocation list accepted yet</source>
        <translation>Aucune liste de révocation acceptée pour l&apos;instant</translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="129"/>
        <source>Last list refused at %1: %2. The list above stays in force.</source>
        <translation>Dernière liste refusée le %1 : %2. La liste ci-dessus reste en vigueur.</translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="141"/>
        <source>Outcomes per hour</source>
        <translation>Résultats par heure</translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="163"/>
        <source>%1 verified, %2 refused</source>
        <translation>%1 vérifiés, %2 refusés</translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="172"/>
        <source>Report outbox: %1 pending, %2 acknowledged</source>
        <translation>File des signalements : %1 en attente, %2 confirmés</translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="180"/>
        <source>%1 attempts</source>
        <translation>%1 tentatives</translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="204"/>
        <source>failed: %1</source>
        <translation>échec : %1</translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="205"/>
        <source>remembered</source>
        <translation>mémorisé</translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="206"/>
        <source>Passed: %1</source>
        <translation>Réussi : %1</translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="206"/>
        <source>Failed: %1</source>
        <translation>Échec : %1</translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="235"/>
        <source>Events (tap one for its checks)</source>
        <translation>Événements (touchez-en un pour voir ses vérifications)</translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="192"/>
        <source>Checks for %1</source>
        <translation>Vérifications de %1</translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="32"/>
        <source>Blocked: %1</source>
        <translation>Bloqué : %1</translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="196"/>
        <source>Checked on %1; verdict %2 %3</source>
        <translation>Vérifié le %1 ; verdict %2 %3</translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="215"/>
        <source>issuer</source>
        <translation>émetteur</translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="215"/>
        <source>serial</source>
        <translation>numéro de série</translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="221"/>
        <source>Claim %1 · role %2 · device %3 · subject %4 · from %5%6</source>
        <translation>Preuve %1 · rôle %2 · appareil %3 · sujet %4 · depuis %5%6</translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="224"/>
        <source>to %1</source>
        <translation>jusqu&apos;au %1</translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="228"/>
        <source>Media: %1</source>
        <translation>Média : %1</translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="255"/>
        <source>Network log (newest last)</source>
        <translation>Journal réseau (le plus récent en dernier)</translation>
    </message>
</context>
<context>
    <name>EventDetails</name>
    <message>
        <location filename="../../qml/EventDetails.qml" line="19"/>
        <source>Blocked event</source>
        <translation>Événement bloqué</translation>
    </message>
    <message>
        <location filename="../../qml/EventDetails.qml" line="28"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../qml/EventDetails.qml" line="78"/>
        <source>Hide what was checked</source>
        <translation>Masquer ce qui a été vérifié</translation>
    </message>
    <message>
        <location filename="../../qml/EventDetails.qml" line="78"/>
        <source>What was checked</source>
        <translation>Ce qui a été vérifié</translation>
    </message>
    <message>
        <location filename="../../qml/EventDetails.qml" line="108"/>
        <source>Copied: paste it to support</source>
        <translation>Copié : collez-le pour l&apos;assistance</translation>
    </message>
    <message>
        <location filename="../../qml/EventDetails.qml" line="108"/>
        <source>Copy details for support</source>
        <translation>Copier les détails pour l&apos;assistance</translation>
    </message>
    <message>
        <location filename="../../qml/EventDetails.qml" line="117"/>
        <source>Dismiss</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <location filename="../../qml/EventDetails.qml" line="129"/>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location filename="../../qml/EventDetails.qml" line="140"/>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <location filename="../../qml/EventDetails.qml" line="145"/>
        <source>Camera ID</source>
        <translation>ID de la caméra</translation>
    </message>
    <message>
        <location filename="../../qml/EventDetails.qml" line="147"/>
        <source>Event ID</source>
        <translation>ID de l&apos;événement</translation>
    </message>
    <message>
        <location filename="../../qml/EventDetails.qml" line="149"/>
        <source>Access</source>
        <translation>Accès</translation>
    </message>
    <message>
        <location filename="../../qml/EventDetails.qml" line="152"/>
        <source>Shared with you</source>
        <translation>Partagé avec vous</translation>
    </message>
    <message>
        <location filename="../../qml/EventDetails.qml" line="152"/>
        <source>Your camera</source>
        <translation>Votre caméra</translation>
    </message>
    <message>
        <location filename="../../qml/EventDetails.qml" line="154"/>
        <source>Report</source>
        <translation>Signalement</translation>
    </message>
    <message>
        <location filename="../../qml/EventDetails.qml" line="160"/>
        <source>Reported (queued, will be sent)</source>
        <translation>Signalé (en attente d&apos;envoi)</translation>
    </message>
    <message>
        <location filename="../../qml/EventDetails.qml" line="160"/>
        <source>Reported to the cloud</source>
        <translation>Signalé au cloud</translation>
    </message>
</context>
<context>
    <name>EventLabel</name>
    <message>
        <location filename="../../core/model/EventLabels.cpp" line="14"/>
        <source>Person</source>
        <translation>Personne</translation>
    </message>
    <message>
        <location filename="../../core/model/EventLabels.cpp" line="15"/>
        <source>Vehicle</source>
        <translation>Véhicule</translation>
    </message>
    <message>
        <location filename="../../core/model/EventLabels.cpp" line="16"/>
        <source>Animal</source>
        <translation>Animal</translation>
    </message>
    <message>
        <location filename="../../core/model/EventLabels.cpp" line="17"/>
        <source>Motion</source>
        <translation>Mouvement</translation>
    </message>
    <message>
        <location filename="../../core/model/EventLabels.cpp" line="18"/>
        <source>Sound</source>
        <translation>Son</translation>
    </message>
</context>
<context>
    <name>EventTile</name>
    <message>
        <location filename="../../qml/EventTile.qml" line="41"/>
        <source>Blocked item: %1</source>
        <translation>Élément bloqué : %1</translation>
    </message>
    <message>
        <location filename="../../qml/EventTile.qml" line="44"/>
        <source>, shared with you</source>
        <translation>, partagé avec vous</translation>
    </message>
    <message>
        <location filename="../../qml/EventTile.qml" line="45"/>
        <source>Event from %1, %2 at %3, checking</source>
        <translation>Événement de %1, %2 à %3, vérification en cours</translation>
    </message>
    <message>
        <location filename="../../qml/EventTile.qml" line="43"/>
        <source>%1, %2 at %3, %4%5, verified</source>
        <translation>%1, %2 à %3, %4%5, vérifié</translation>
    </message>
    <message>
        <location filename="../../qml/EventTile.qml" line="47"/>
        <source>Blocked and reported. Open for details, or press Delete to dismiss.</source>
        <translation>Bloqué et signalé. Ouvrez pour voir les détails, ou appuyez sur Suppr pour l’écarter.</translation>
    </message>
    <message>
        <location filename="../../qml/EventTile.qml" line="116"/>
        <source>Couldn&apos;t show this picture</source>
        <translation>Impossible d&apos;afficher cette image</translation>
    </message>
    <message>
        <location filename="../../qml/EventTile.qml" line="128"/>
        <source>Hidden in diagnostic mode</source>
        <translation>Masqué en mode diagnostic</translation>
    </message>
    <message>
        <location filename="../../qml/EventTile.qml" line="151"/>
        <source>Couldn&apos;t load: %1</source>
        <translation>Échec du chargement : %1</translation>
    </message>
    <message>
        <location filename="../../qml/EventTile.qml" line="157"/>
        <source>Retry</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <location filename="../../qml/EventTile.qml" line="186"/>
        <source>Reported</source>
        <translation>Signalé</translation>
    </message>
    <message>
        <location filename="../../qml/EventTile.qml" line="214"/>
        <source>Shared</source>
        <translation>Partagé</translation>
    </message>
    <message>
        <location filename="../../qml/EventTile.qml" line="217"/>
        <source>Shared with you</source>
        <translation>Partagé avec vous</translation>
    </message>
    <message>
        <location filename="../../qml/EventTile.qml" line="243"/>
        <source>Dismiss blocked item</source>
        <translation>Retirer l&apos;élément bloqué</translation>
    </message>
</context>
<context>
    <name>EventsPage</name>
    <message>
        <location filename="../../qml/EventsPage.qml" line="11"/>
        <location filename="../../qml/EventsPage.qml" line="124"/>
        <source>Events</source>
        <translation>Événements</translation>
    </message>
    <message>
        <location filename="../../qml/EventsPage.qml" line="133"/>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../qml/EventsPage.qml" line="134"/>
        <source>%n blocked</source>
        <translation>
            <numerusform>%n bloqué</numerusform>
            <numerusform>%n bloqués</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../qml/EventsPage.qml" line="135"/>
        <source>%n verified</source>
        <translation>
            <numerusform>%n vérifié</numerusform>
            <numerusform>%n vérifiés</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../qml/EventsPage.qml" line="143"/>
        <source>Filters</source>
        <translation>Filtres</translation>
    </message>
    <message>
        <location filename="../../qml/EventsPage.qml" line="152"/>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <location filename="../../qml/EventsPage.qml" line="154"/>
        <source>Refresh (F5)</source>
        <translation>Actualiser (F5)</translation>
    </message>
    <message>
        <location filename="../../qml/EventsPage.qml" line="288"/>
        <source>Can&apos;t reach the cloud</source>
        <translation>Impossible de joindre le cloud</translation>
    </message>
    <message>
        <location filename="../../qml/EventsPage.qml" line="289"/>
        <source>Loading your events…</source>
        <translation>Chargement de vos événements…</translation>
    </message>
    <message>
        <location filename="../../qml/EventsPage.qml" line="290"/>
        <source>No events match these filters</source>
        <translation>Aucun événement ne correspond à ces filtres</translation>
    </message>
    <message>
        <location filename="../../qml/EventsPage.qml" line="291"/>
        <source>No events yet</source>
        <translation>Aucun événement pour l&apos;instant</translation>
    </message>
    <message>
        <location filename="../../qml/EventsPage.qml" line="293"/>
        <source>Events from your cameras appear here once they are verified.</source>
        <translation>Les événements de vos caméras apparaissent ici une fois vérifiés.</translation>
    </message>
    <message>
        <location filename="../../qml/EventsPage.qml" line="294"/>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <location filename="../../qml/EventsPage.qml" line="295"/>
        <source>Clear filters</source>
        <translation>Effacer les filtres</translation>
    </message>
    <message>
        <location filename="../../qml/EventsPage.qml" line="305"/>
        <source>Offline: showing what was already verified. %1</source>
        <translation>Hors ligne : affichage de ce qui a déjà été vérifié. %1</translation>
    </message>
</context>
<context>
    <name>Explanation</name>
    <message>
        <location filename="../../core/model/ReasonText.cpp" line="30"/>
        <source>The cloud sent this item to your account, but it could not show that the camera that recorded it is yours or shared with you: it may be someone else&apos;s.</source>
        <translation>Le cloud a envoyé cet élément à votre compte, mais rien ne montre que la caméra qui l&apos;a enregistré est la vôtre ou partagée avec vous : il appartient peut-être à quelqu&apos;un d&apos;autre.</translation>
    </message>
    <message>
        <location filename="../../core/model/ReasonText.cpp" line="36"/>
        <source>The picture or video is not the one your camera signed: it was changed or swapped on the way.</source>
        <translation>L&apos;image ou la vidéo n&apos;est pas celle que votre caméra a signée : elle a été modifiée ou échangée en chemin.</translation>
    </message>
    <message>
        <location filename="../../core/model/ReasonText.cpp" line="42"/>
        <source>The camera&apos;s signed record does not match this event: it was moved from another event or its time is not plausible.</source>
        <translation>L&apos;enregistrement signé de la caméra ne correspond pas à cet événement : il provient d&apos;un autre événement ou son heure n&apos;est pas plausible.</translation>
    </message>
    <message>
        <location filename="../../core/model/ReasonText.cpp" line="47"/>
        <source>This item does not carry a valid signature from a genuine camera: it may be forged or damaged.</source>
        <translation>Cet élément ne porte pas de signature valide d&apos;une vraie caméra : il est peut-être falsifié ou endommagé.</translation>
    </message>
    <message>
        <location filename="../../core/model/ReasonText.cpp" line="53"/>
        <source>Veriframe did not open it, kept none of it, and reported it to the cloud so the mix-up can be found and fixed. Nothing of yours was sent.</source>
        <translation>Veriframe ne l&apos;a pas ouvert, n&apos;en a rien gardé et l&apos;a signalé au cloud pour que l&apos;erreur soit trouvée et corrigée. Rien de vous n&apos;a été envoyé.</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../qml/FilterBar.qml" line="22"/>
        <source>Camera filter</source>
        <translation>Filtre par caméra</translation>
    </message>
    <message>
        <location filename="../../qml/FilterBar.qml" line="25"/>
        <source>All cameras</source>
        <translation>Toutes caméras</translation>
    </message>
    <message>
        <location filename="../../qml/FilterBar.qml" line="43"/>
        <source>Label filter</source>
        <translation>Filtre par type</translation>
    </message>
    <message>
        <location filename="../../qml/FilterBar.qml" line="47"/>
        <source>All labels</source>
        <translation>Tous types</translation>
    </message>
    <message>
        <location filename="../../qml/FilterBar.qml" line="59"/>
        <source>Any day</source>
        <translation>Toutes dates</translation>
    </message>
    <message>
        <location filename="../../qml/FilterBar.qml" line="60"/>
        <source>Day filter: %1</source>
        <translation>Filtre par jour : %1</translation>
    </message>
    <message>
        <location filename="../../qml/FilterBar.qml" line="69"/>
        <source>Previous month</source>
        <translation>Mois précédent</translation>
    </message>
    <message>
        <location filename="../../qml/FilterBar.qml" line="71"/>
        <source>Next month</source>
        <translation>Mois suivant</translation>
    </message>
    <message>
        <location filename="../../qml/FilterBar.qml" line="98"/>
        <source>Blocked only</source>
        <translation>Bloqués seulement</translation>
    </message>
    <message>
        <location filename="../../qml/FilterBar.qml" line="110"/>
        <source>Clear filters</source>
        <translation>Effacer les filtres</translation>
    </message>
</context>
<context>
    <name>HourTimeline</name>
    <message numerus="yes">
        <location filename="../../qml/HourTimeline.qml" line="23"/>
        <source>Timeline: %1:00, %n event(s)</source>
        <translation>
            <numerusform>Chronologie : %1 h, %n événement</numerusform>
            <numerusform>Chronologie : %1 h, %n événements</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../qml/HourTimeline.qml" line="24"/>
        <source>Timeline of the day&apos;s events</source>
        <translation>Chronologie des événements du jour</translation>
    </message>
    <message>
        <location filename="../../qml/HourTimeline.qml" line="25"/>
        <source>Left and right arrows choose an hour, Enter shows its events.</source>
        <translation>Les flèches gauche et droite choisissent une heure, Entrée affiche ses événements.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../qml/HourTimeline.qml" line="84"/>
        <source>%1:00, %n event(s)</source>
        <translation>
            <numerusform>%1 h, %n événement</numerusform>
            <numerusform>%1 h, %n événements</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LabelChip</name>
    <message>
        <location filename="../../qml/LabelChip.qml" line="24"/>
        <source>Label: %1</source>
        <translation>Type : %1</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../../qml/Main.qml" line="48"/>
        <source>Veriframe</source>
        <translation>Veriframe</translation>
    </message>
    <message>
        <location filename="../../qml/Main.qml" line="72"/>
        <source>Events</source>
        <translation>Événements</translation>
    </message>
    <message>
        <location filename="../../qml/Main.qml" line="73"/>
        <source>Cameras</source>
        <translation>Caméras</translation>
    </message>
    <message>
        <location filename="../../qml/Main.qml" line="74"/>
        <source>Settings</source>
        <translation>Réglages</translation>
    </message>
    <message>
        <location filename="../../qml/Main.qml" line="77"/>
        <source>Diagnostics</source>
        <translation>Diagnostic</translation>
    </message>
    <message>
        <location filename="../../qml/Main.qml" line="105"/>
        <source>Veriframe could not start</source>
        <translation>Veriframe n&apos;a pas pu démarrer</translation>
    </message>
    <message>
        <location filename="../../qml/Main.qml" line="105"/>
        <source>Starting the demo cloud…</source>
        <translation>Démarrage du cloud de démonstration…</translation>
    </message>
    <message>
        <location filename="../../qml/Main.qml" line="147"/>
        <source>Diagnostic mode: your pictures are visible.</source>
        <translation>Mode diagnostic : vos images sont visibles.</translation>
    </message>
    <message>
        <location filename="../../qml/Main.qml" line="148"/>
        <source>Diagnostic mode: your pictures and clips are hidden.</source>
        <translation>Mode diagnostic : vos images et vidéos sont masquées.</translation>
    </message>
    <message>
        <location filename="../../qml/Main.qml" line="156"/>
        <source>Hide my media</source>
        <translation>Masquer mes médias</translation>
    </message>
    <message>
        <location filename="../../qml/Main.qml" line="156"/>
        <source>Show my media</source>
        <translation>Afficher mes médias</translation>
    </message>
    <message>
        <location filename="../../qml/Main.qml" line="163"/>
        <source>Leave diagnostic mode</source>
        <translation>Quitter le mode diagnostic</translation>
    </message>
</context>
<context>
    <name>PlayerView</name>
    <message>
        <location filename="../../qml/PlayerView.qml" line="71"/>
        <source>MP4 video (*.mp4)</source>
        <translation>Vidéo MP4 (*.mp4)</translation>
    </message>
    <message>
        <location filename="../../qml/PlayerView.qml" line="74"/>
        <source>Saved the verified clip</source>
        <translation>Vidéo vérifiée enregistrée</translation>
    </message>
    <message>
        <location filename="../../qml/PlayerView.qml" line="100"/>
        <source>Close player</source>
        <translation>Fermer le lecteur</translation>
    </message>
    <message>
        <location filename="../../qml/PlayerView.qml" line="118"/>
        <source>Verified</source>
        <translation>Vérifié</translation>
    </message>
    <message>
        <location filename="../../qml/PlayerView.qml" line="128"/>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <location filename="../../qml/PlayerView.qml" line="129"/>
        <source>Event details</source>
        <translation>Détails de l&apos;événement</translation>
    </message>
    <message>
        <location filename="../../qml/PlayerView.qml" line="150"/>
        <source>This clip failed verification and was stopped. It was reported.</source>
        <translation>Cette vidéo n&apos;a pas passé la vérification et a été arrêtée. Elle a été signalée.</translation>
    </message>
    <message>
        <location filename="../../qml/PlayerView.qml" line="179"/>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../../qml/PlayerView.qml" line="194"/>
        <source>Previous event</source>
        <translation>Événement précédent</translation>
    </message>
    <message>
        <location filename="../../qml/PlayerView.qml" line="201"/>
        <source>Back 10 seconds</source>
        <translation>Reculer de 10 secondes</translation>
    </message>
    <message>
        <location filename="../../qml/PlayerView.qml" line="210"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../../qml/PlayerView.qml" line="210"/>
        <source>Play</source>
        <translation>Lecture</translation>
    </message>
    <message>
        <location filename="../../qml/PlayerView.qml" line="217"/>
        <source>Forward 10 seconds</source>
        <translation>Avancer de 10 secondes</translation>
    </message>
    <message>
        <location filename="../../qml/PlayerView.qml" line="224"/>
        <source>Next event</source>
        <translation>Événement suivant</translation>
    </message>
    <message>
        <location filename="../../qml/PlayerView.qml" line="241"/>
        <source>Playback speed</source>
        <translation>Vitesse de lecture</translation>
    </message>
    <message>
        <location filename="../../qml/PlayerView.qml" line="248"/>
        <source>Download the verified clip</source>
        <translation>Télécharger la vidéo vérifiée</translation>
    </message>
</context>
<context>
    <name>Reason</name>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="16"/>
        <source>Verified from your camera</source>
        <translation>Vérifié : vient de votre caméra</translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="19"/>
        <source>The camera&apos;s signed record is damaged or not in the expected format</source>
        <translation>L&apos;enregistrement signé par la caméra est endommagé ou n&apos;a pas le format attendu</translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="23"/>
        <source>Signed with an algorithm Veriframe does not accept</source>
        <translation>Signé avec un algorithme que Veriframe n&apos;accepte pas</translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="26"/>
        <source>Not signed by a genuine camera</source>
        <translation>Pas signé par une caméra authentique</translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="29"/>
        <source>The camera that signed this has been revoked</source>
        <translation>La caméra qui l&apos;a signé a été révoquée</translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="32"/>
        <source>The camera&apos;s signature does not match</source>
        <translation>La signature de la caméra ne correspond pas</translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="35"/>
        <source>The signed record belongs to a different event or camera</source>
        <translation>L&apos;enregistrement signé appartient à un autre événement ou à une autre caméra</translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="38"/>
        <source>Recorded in the future: the capture time is not plausible</source>
        <translation>Enregistré dans le futur : l&apos;heure de capture n&apos;est pas plausible</translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="41"/>
        <source>The picture or video was altered after the camera signed it</source>
        <translation>L&apos;image ou la vidéo a été modifiée après sa signature par la caméra</translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="44"/>
        <source>No proof of ownership came with this event</source>
        <translation>Aucune preuve de propriété n&apos;accompagne cet événement</translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="47"/>
        <source>The proof of ownership is not genuine</source>
        <translation>La preuve de propriété n&apos;est pas authentique</translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="50"/>
        <source>The proof of ownership has been revoked</source>
        <translation>La preuve de propriété a été révoquée</translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="53"/>
        <source>The proof of ownership is for a different camera</source>
        <translation>La preuve de propriété concerne une autre caméra</translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="56"/>
        <source>The camera did not record this under that ownership</source>
        <translation>La caméra ne l&apos;a pas enregistré sous cette propriété</translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="59"/>
        <source>Recorded outside the period this camera was yours</source>
        <translation>Enregistré en dehors de la période où cette caméra était à vous</translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="61"/>
        <source>Not from your cameras</source>
        <translation>Ne vient pas de vos caméras</translation>
    </message>
</context>
<context>
    <name>RefusedTile</name>
    <message>
        <location filename="../../qml/RefusedTile.qml" line="48"/>
        <source>Not from your cameras</source>
        <translation>Pas de vos caméras</translation>
    </message>
    <message>
        <location filename="../../qml/RefusedTile.qml" line="48"/>
        <source>Blocked</source>
        <translation>Bloqué</translation>
    </message>
</context>
<context>
    <name>RevocationStaleBanner</name>
    <message>
        <location filename="../../qml/RevocationStaleBanner.qml" line="35"/>
        <source>The list of revoked cameras is out of date (issued %1): a camera revoked since then may still show as verified.</source>
        <translation>La liste des caméras révoquées n&apos;est plus à jour (émise le %1) : une caméra révoquée depuis peut encore apparaître comme vérifiée.</translation>
    </message>
    <message>
        <location filename="../../qml/RevocationStaleBanner.qml" line="37"/>
        <source>The list of revoked cameras could not be fetched: a revoked camera may still show as verified.</source>
        <translation>La liste des caméras révoquées n&apos;a pas pu être récupérée : une caméra révoquée peut encore apparaître comme vérifiée.</translation>
    </message>
    <message>
        <location filename="../../qml/RevocationStaleBanner.qml" line="42"/>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
</context>
<context>
    <name>SaveFileDialog</name>
    <message>
        <location filename="../../qml/SaveFileDialog.qml" line="48"/>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location filename="../../qml/SaveFileDialog.qml" line="51"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="10"/>
        <location filename="../../qml/SettingsPage.qml" line="24"/>
        <source>Settings</source>
        <translation>Réglages</translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="27"/>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="31"/>
        <source>Signed in as %1</source>
        <translation>Connecté en tant que %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../qml/SettingsPage.qml" line="34"/>
        <source>%n report(s) waiting to be sent</source>
        <translation>
            <numerusform>%n signalement en attente d&apos;envoi</numerusform>
            <numerusform>%n signalements en attente d&apos;envoi</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="49"/>
        <location filename="../../qml/SettingsPage.qml" line="117"/>
        <source>Sign out</source>
        <translation>Se déconnecter</translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="56"/>
        <source>Appearance</source>
        <translation>Apparence</translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="62"/>
        <source>Dark theme</source>
        <translation>Thème sombre</translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="69"/>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="74"/>
        <source>System</source>
        <translation>Système</translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="82"/>
        <source>Support</source>
        <translation>Assistance</translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="90"/>
        <source>Diagnostic mode shows support staff why any item was refused: certificates, claims, hashes, timings and the report queue.</source>
        <translation>Le mode diagnostic montre à l&apos;assistance pourquoi un élément a été refusé : certificats, preuves de propriété, empreintes, durées et file des signalements.</translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="95"/>
        <source>Diagnostic mode is on</source>
        <translation>Le mode diagnostic est activé</translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="95"/>
        <source>Diagnostic mode…</source>
        <translation>Mode diagnostic…</translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="107"/>
        <source>Turn on diagnostic mode?</source>
        <translation>Activer le mode diagnostic ?</translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="108"/>
        <source>Turn on</source>
        <translation>Activer</translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="109"/>
        <source>It shows, for every event, the checks this device ran and their results, the certificates and claims involved (with your user ID replaced by a pseudonym), media hashes, the network log and the report queue. Your pictures and clips stay hidden unless you choose to show them.</source>
        <translation>Il montre, pour chaque événement, les vérifications faites par cet appareil et leurs résultats, les certificats et preuves de propriété en jeu (votre identifiant remplacé par un pseudonyme), les empreintes des médias, le journal réseau et la file des signalements. Vos images et vidéos restent masquées sauf si vous choisissez de les afficher.</translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="116"/>
        <source>Sign out?</source>
        <translation>Se déconnecter ?</translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="118"/>
        <source>Verified pictures, events and the refusal log of this account are removed from this computer, and its saved session is ended. Reports not yet sent stay queued and go when you sign in again.</source>
        <translation>Les images vérifiées, les événements et le journal des refus de ce compte sont supprimés de cet ordinateur, et sa session enregistrée prend fin. Les signalements pas encore envoyés restent en file d’attente et partiront à votre prochaine connexion.</translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <location filename="../../qml/SignInPage.qml" line="35"/>
        <source>Your cameras&apos; events, shown only after this device checked they are yours.</source>
        <translation>Les événements de vos caméras, affichés seulement une fois que cet appareil a vérifié qu&apos;ils sont à vous.</translation>
    </message>
    <message>
        <location filename="../../qml/SignInPage.qml" line="42"/>
        <location filename="../../qml/SignInPage.qml" line="43"/>
        <source>Username</source>
        <translation>Nom d&apos;utilisateur</translation>
    </message>
    <message>
        <location filename="../../qml/SignInPage.qml" line="53"/>
        <location filename="../../qml/SignInPage.qml" line="58"/>
        <location filename="../../qml/SignInPage.qml" line="59"/>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <location filename="../../qml/SignInPage.qml" line="71"/>
        <source>Stay signed in</source>
        <translation>Rester connecté</translation>
    </message>
    <message>
        <location filename="../../qml/SignInPage.qml" line="100"/>
        <source>Signing in…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <location filename="../../qml/SignInPage.qml" line="11"/>
        <location filename="../../qml/SignInPage.qml" line="100"/>
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <location filename="../../qml/SignInPage.qml" line="112"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../qml/SignInPage.qml" line="128"/>
        <source>Demo cloud accounts: %1</source>
        <translation>Comptes du cloud de démonstration : %1</translation>
    </message>
</context>
<context>
    <name>ThumbnailDecoder</name>
    <message>
        <location filename="../../app/support/ThumbnailDecoder.cpp" line="23"/>
        <source>The verified picture cannot be read: %1</source>
        <translation>Impossible de lire l&apos;image vérifiée : %1</translation>
    </message>
    <message>
        <location filename="../../app/support/ThumbnailDecoder.cpp" line="29"/>
        <source>The verified picture is too large (%1×%2).</source>
        <translation>L&apos;image vérifiée est trop grande (%1×%2).</translation>
    </message>
    <message>
        <location filename="../../app/support/ThumbnailDecoder.cpp" line="40"/>
        <source>The verified picture cannot be decoded: %1</source>
        <translation>Impossible de décoder l&apos;image vérifiée : %1</translation>
    </message>
</context>
<context>
    <name>VerificationText</name>
    <message>
        <location filename="../../qml/VerificationText.qml" line="17"/>
        <source>Verified: signed by the %1 camera shared with you at %2, share checked</source>
        <translation>Vérifié : signé par la caméra %1 partagée avec vous à %2, partage contrôlé</translation>
    </message>
    <message>
        <location filename="../../qml/VerificationText.qml" line="18"/>
        <source>Verified: signed by your %1 camera at %2, owner claim checked</source>
        <translation>Vérifié : signé par votre caméra %1 à %2, preuve de propriété contrôlée</translation>
    </message>
</context>
<context>
    <name>VerifiedImageProvider</name>
    <message>
        <location filename="../../app/support/VerifiedImageProvider.cpp" line="31"/>
        <source>Not a verified image address.</source>
        <translation>Ce n&apos;est pas l&apos;adresse d&apos;une image vérifiée.</translation>
    </message>
    <message>
        <location filename="../../app/support/VerifiedImageProvider.cpp" line="35"/>
        <source>This picture is not for the signed-in account.</source>
        <translation>Cette image n&apos;est pas destinée au compte connecté.</translation>
    </message>
    <message>
        <location filename="../../app/support/VerifiedImageProvider.cpp" line="51"/>
        <source>Refused: %1</source>
        <translation>Refusé : %1</translation>
    </message>
    <message>
        <location filename="../../app/support/VerifiedImageProvider.cpp" line="55"/>
        <source>Not verified for this account.</source>
        <translation>Non vérifié pour ce compte.</translation>
    </message>
    <message>
        <location filename="../../app/support/VerifiedImageProvider.cpp" line="58"/>
        <source>Not in the verified cache any more; it is being fetched again.</source>
        <translation>N&apos;est plus dans le cache vérifié ; nouveau téléchargement en cours.</translation>
    </message>
    <message>
        <location filename="../../app/support/VerifiedImageProvider.cpp" line="63"/>
        <source>Signed out.</source>
        <translation>Déconnecté.</translation>
    </message>
</context>
<context>
    <name>vf::app::AppSession</name>
    <message>
        <location filename="../../app/ui/AppSession.cpp" line="164"/>
        <source>Sign in first: the bundle describes the signed-in account.</source>
        <translation>Connectez-vous d&apos;abord : le rapport décrit le compte connecté.</translation>
    </message>
    <message>
        <location filename="../../app/ui/AppSession.cpp" line="172"/>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d&apos;écrire %1 : %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/AppSession.cpp" line="261"/>
        <source>Demo cloud on this computer (%1)</source>
        <translation>Cloud de démonstration sur cet ordinateur (%1)</translation>
    </message>
</context>
<context>
    <name>vf::app::ClipPlayer</name>
    <message>
        <location filename="../../app/ui/ClipPlayer.cpp" line="141"/>
        <location filename="../../app/ui/ClipPlayer.cpp" line="145"/>
        <source>Not signed in.</source>
        <translation>Non connecté.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ClipPlayer.cpp" line="150"/>
        <source>This event is not available.</source>
        <translation>Cet événement n&apos;est pas disponible.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ClipPlayer.cpp" line="157"/>
        <source>The clip could not be loaded: %1</source>
        <translation>Impossible de charger la vidéo : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/ClipPlayer.cpp" line="168"/>
        <source>The clip arrived out of order.</source>
        <translation>Les parties de la vidéo sont arrivées dans le désordre.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ClipPlayer.cpp" line="219"/>
        <source>The clip cannot be played: %1</source>
        <translation>Impossible de lire la vidéo : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/ClipPlayer.cpp" line="223"/>
        <source>The clip cannot be played.</source>
        <translation>Impossible de lire la vidéo.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ClipPlayer.cpp" line="245"/>
        <source>The clip is not completely verified yet.</source>
        <translation>La vidéo n&apos;est pas encore entièrement vérifiée.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ClipPlayer.cpp" line="249"/>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d&apos;écrire %1 : %2</translation>
    </message>
</context>
<context>
    <name>vf::app::SessionKeeper</name>
    <message>
        <location filename="../../app/support/SessionKeeper.cpp" line="190"/>
        <source>The system&apos;s keyring refused to keep the session (it may be locked): the password will be asked next time.</source>
        <translation>Le trousseau du système a refusé de garder la session (il est peut-être verrouillé) : le mot de passe sera demandé la prochaine fois.</translation>
    </message>
    <message>
        <location filename="../../app/support/SessionKeeper.cpp" line="194"/>
        <source>This system has no keyring Veriframe can use, so it cannot keep you signed in: the password will be asked next time.</source>
        <translation>Ce système n’a pas de trousseau que Veriframe puisse utiliser, il ne peut donc pas vous garder connecté : le mot de passe sera demandé la prochaine fois.</translation>
    </message>
</context>
<context>
    <name>vf::sync::ClientSession</name>
    <message>
        <location filename="../../core/sync/ClientSession.cpp" line="67"/>
        <source>The saved session has ended. Please sign in again.</source>
        <translation>La session enregistrée a pris fin. Veuillez vous reconnecter.</translation>
    </message>
    <message>
        <location filename="../../core/sync/ClientSession.cpp" line="76"/>
        <source>Your session has ended. Please sign in again.</source>
        <translation>Votre session a pris fin. Veuillez vous reconnecter.</translation>
    </message>
    <message>
        <location filename="../../core/sync/ClientSession.cpp" line="84"/>
        <source>The cloud could not prove who you are when the session was renewed (%1). You were signed out.</source>
        <translation>Le cloud n’a pas pu prouver qui vous êtes lors du renouvellement de la session (%1). Vous avez été déconnecté.</translation>
    </message>
    <message>
        <location filename="../../core/sync/ClientSession.cpp" line="182"/>
        <source>The username or password is not right.</source>
        <translation>Le nom d&apos;utilisateur ou le mot de passe est incorrect.</translation>
    </message>
    <message>
        <location filename="../../core/sync/ClientSession.cpp" line="190"/>
        <source>The cloud&apos;s answer to the sign-in was not understood: %1</source>
        <translation>La réponse du cloud à la connexion est incompréhensible : %1</translation>
    </message>
    <message>
        <location filename="../../core/sync/ClientSession.cpp" line="197"/>
        <source>The cloud could not prove who you are (%1). Nothing was loaded.</source>
        <translation>Le cloud n&apos;a pas pu prouver qui vous êtes (%1). Rien n&apos;a été chargé.</translation>
    </message>
    <message>
        <location filename="../../core/sync/ClientSession.cpp" line="205"/>
        <source>The cloud named another account than its signed identity. Nothing was loaded.</source>
        <translation>Le cloud a indiqué un autre compte que son identité signée. Rien n&apos;a été chargé.</translation>
    </message>
</context>
<context>
    <name>vf::sync::VerifiedClipStream</name>
    <message>
        <location filename="../../core/sync/VerifiedClipStream.cpp" line="27"/>
        <source>This event has no clip.</source>
        <translation>Cet événement n&apos;a pas de vidéo.</translation>
    </message>
    <message>
        <location filename="../../core/sync/VerifiedClipStream.cpp" line="84"/>
        <source>The cloud sent an empty part of the clip.</source>
        <translation>Le cloud a envoyé une partie vide de la vidéo.</translation>
    </message>
</context>
</TS>
