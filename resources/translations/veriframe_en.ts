<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>BlockedBanner</name>
    <message>
        <location filename="../../qml/BlockedBanner.qml" line="32"/>
        <source>1 item was blocked: it did not come from your cameras or was altered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/BlockedBanner.qml" line="33"/>
        <source>%1 items were blocked: they did not come from your cameras or were altered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/BlockedBanner.qml" line="34"/>
        <source>Reports are queued and will be sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/BlockedBanner.qml" line="35"/>
        <source>They were reported to the cloud.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/BlockedBanner.qml" line="40"/>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CamerasPage</name>
    <message>
        <location filename="../../qml/CamerasPage.qml" line="11"/>
        <location filename="../../qml/CamerasPage.qml" line="19"/>
        <source>Cameras</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/CamerasPage.qml" line="37"/>
        <source>%1, %2, %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/CamerasPage.qml" line="37"/>
        <source>online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/CamerasPage.qml" line="37"/>
        <source>offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/CamerasPage.qml" line="38"/>
        <source>yours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/CamerasPage.qml" line="38"/>
        <source>shared with you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/CamerasPage.qml" line="38"/>
        <source>not verified yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/CamerasPage.qml" line="69"/>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/CamerasPage.qml" line="69"/>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/CamerasPage.qml" line="80"/>
        <source>Yours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/CamerasPage.qml" line="80"/>
        <source>Shared with you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/CamerasPage.qml" line="80"/>
        <source>Not verified yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/CamerasPage.qml" line="90"/>
        <source>No cameras</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/CamerasPage.qml" line="91"/>
        <source>Cameras you own or that are shared with you appear here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Check</name>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="17"/>
        <source>All checks passed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="21"/>
        <source>The camera&apos;s record is well formed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="24"/>
        <source>Signed with an accepted algorithm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="27"/>
        <source>Camera certificate chains to a trusted maker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="30"/>
        <source>Camera not revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="33"/>
        <source>Camera signature valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="36"/>
        <source>Record names this event and camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="39"/>
        <source>Capture time plausible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="42"/>
        <source>Picture or video bytes are the signed ones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="45"/>
        <source>Ownership proof present</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="48"/>
        <source>Ownership proof genuine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="51"/>
        <source>Ownership proof not revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="54"/>
        <source>Ownership proof names this camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="57"/>
        <source>Camera recorded under this ownership</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="60"/>
        <source>Recorded while the ownership was valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="62"/>
        <source>Ownership proof names your account</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <location filename="../../qml/ConfirmDialog.qml" line="38"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DayLabel</name>
    <message>
        <location filename="../../core/model/DayLabel.cpp" line="17"/>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/model/DayLabel.cpp" line="19"/>
        <source>Yesterday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/model/DayLabel.cpp" line="27"/>
        <source>Blocked items</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DiagnosticsPage</name>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="51"/>
        <source>JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="54"/>
        <source>Bundle written (no media, no tokens, pseudonymised IDs).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="15"/>
        <location filename="../../qml/DiagnosticsPage.qml" line="72"/>
        <source>Diagnostics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="77"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="78"/>
        <source>Export diagnostics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="84"/>
        <source>This app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="99"/>
        <source>Account: %1 (pseudonym)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="104"/>
        <source>Trust store and revocations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="108"/>
        <source>Anchors SHA-256: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="116"/>
        <source>Revocation list seq %1: %2 devices, %3 claims (%4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="119"/>
        <source>No revocation list accepted yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="129"/>
        <source>Last list refused at %1: %2. The list above stays in force.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="141"/>
        <source>Outcomes per hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="163"/>
        <source>%1 verified, %2 refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="172"/>
        <source>Report outbox: %1 pending, %2 acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="180"/>
        <source>%1 attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="204"/>
        <source>failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="205"/>
        <source>remembered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="206"/>
        <source>Passed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="206"/>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="235"/>
        <source>Events (tap one for its checks)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="192"/>
        <source>Checks for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="32"/>
        <source>Blocked: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="196"/>
        <source>Checked on %1; verdict %2 %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="215"/>
        <source>issuer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="215"/>
        <source>serial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="221"/>
        <source>Claim %1 · role %2 · device %3 · subject %4 · from %5%6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="224"/>
        <source>to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="228"/>
        <source>Media: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/DiagnosticsPage.qml" line="255"/>
        <source>Network log (newest last)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventDetails</name>
    <message>
        <location filename="../../qml/EventDetails.qml" line="19"/>
        <source>Blocked event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/EventDetails.qml" line="28"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/EventDetails.qml" line="78"/>
        <source>Hide what was checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/EventDetails.qml" line="78"/>
        <source>What was checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/EventDetails.qml" line="108"/>
        <source>Copied: paste it to support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/EventDetails.qml" line="108"/>
        <source>Copy details for support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/EventDetails.qml" line="117"/>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/EventDetails.qml" line="129"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/EventDetails.qml" line="140"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/EventDetails.qml" line="145"/>
        <source>Camera ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/EventDetails.qml" line="147"/>
        <source>Event ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/EventDetails.qml" line="149"/>
        <source>Access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/EventDetails.qml" line="152"/>
        <source>Shared with you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/EventDetails.qml" line="152"/>
        <source>Your camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/EventDetails.qml" line="154"/>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/EventDetails.qml" line="160"/>
        <source>Reported (queued, will be sent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/EventDetails.qml" line="160"/>
        <source>Reported to the cloud</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventLabel</name>
    <message>
        <location filename="../../core/model/EventLabels.cpp" line="14"/>
        <source>Person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/model/EventLabels.cpp" line="15"/>
        <source>Vehicle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/model/EventLabels.cpp" line="16"/>
        <source>Animal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/model/EventLabels.cpp" line="17"/>
        <source>Motion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/model/EventLabels.cpp" line="18"/>
        <source>Sound</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventTile</name>
    <message>
        <location filename="../../qml/EventTile.qml" line="41"/>
        <source>Blocked item: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/EventTile.qml" line="44"/>
        <source>, shared with you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/EventTile.qml" line="45"/>
        <source>Event from %1, %2 at %3, checking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/EventTile.qml" line="43"/>
        <source>%1, %2 at %3, %4%5, verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/EventTile.qml" line="47"/>
        <source>Blocked and reported. Open for details, or press Delete to dismiss.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/EventTile.qml" line="116"/>
        <source>Couldn&apos;t show this picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/EventTile.qml" line="128"/>
        <source>Hidden in diagnostic mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/EventTile.qml" line="151"/>
        <source>Couldn&apos;t load: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/EventTile.qml" line="157"/>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/EventTile.qml" line="186"/>
        <source>Reported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/EventTile.qml" line="214"/>
        <source>Shared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/EventTile.qml" line="217"/>
        <source>Shared with you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/EventTile.qml" line="243"/>
        <source>Dismiss blocked item</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventsPage</name>
    <message>
        <location filename="../../qml/EventsPage.qml" line="11"/>
        <location filename="../../qml/EventsPage.qml" line="124"/>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/EventsPage.qml" line="133"/>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../qml/EventsPage.qml" line="134"/>
        <source>%n blocked</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../qml/EventsPage.qml" line="135"/>
        <source>%n verified</source>
        <translation>
            <numerusform>%n verified</numerusform>
            <numerusform>%n verified</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../qml/EventsPage.qml" line="143"/>
        <source>Filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/EventsPage.qml" line="152"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/EventsPage.qml" line="154"/>
        <source>Refresh (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/EventsPage.qml" line="288"/>
        <source>Can&apos;t reach the cloud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/EventsPage.qml" line="289"/>
        <source>Loading your events…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/EventsPage.qml" line="290"/>
        <source>No events match these filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/EventsPage.qml" line="291"/>
        <source>No events yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/EventsPage.qml" line="293"/>
        <source>Events from your cameras appear here once they are verified.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/EventsPage.qml" line="294"/>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/EventsPage.qml" line="295"/>
        <source>Clear filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/EventsPage.qml" line="305"/>
        <source>Offline: showing what was already verified. %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Explanation</name>
    <message>
        <location filename="../../core/model/ReasonText.cpp" line="30"/>
        <source>The cloud sent this item to your account, but it could not show that the camera that recorded it is yours or shared with you: it may be someone else&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/model/ReasonText.cpp" line="36"/>
        <source>The picture or video is not the one your camera signed: it was changed or swapped on the way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/model/ReasonText.cpp" line="42"/>
        <source>The camera&apos;s signed record does not match this event: it was moved from another event or its time is not plausible.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/model/ReasonText.cpp" line="47"/>
        <source>This item does not carry a valid signature from a genuine camera: it may be forged or damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/model/ReasonText.cpp" line="53"/>
        <source>Veriframe did not open it, kept none of it, and reported it to the cloud so the mix-up can be found and fixed. Nothing of yours was sent.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../qml/FilterBar.qml" line="22"/>
        <source>Camera filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/FilterBar.qml" line="25"/>
        <source>All cameras</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/FilterBar.qml" line="43"/>
        <source>Label filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/FilterBar.qml" line="47"/>
        <source>All labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/FilterBar.qml" line="59"/>
        <source>Any day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/FilterBar.qml" line="60"/>
        <source>Day filter: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/FilterBar.qml" line="69"/>
        <source>Previous month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/FilterBar.qml" line="71"/>
        <source>Next month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/FilterBar.qml" line="98"/>
        <source>Blocked only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/FilterBar.qml" line="110"/>
        <source>Clear filters</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HourTimeline</name>
    <message numerus="yes">
        <location filename="../../qml/HourTimeline.qml" line="23"/>
        <source>Timeline: %1:00, %n event(s)</source>
        <translation>
            <numerusform>Timeline: %1:00, %n event</numerusform>
            <numerusform>Timeline: %1:00, %n events</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../qml/HourTimeline.qml" line="24"/>
        <source>Timeline of the day&apos;s events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/HourTimeline.qml" line="25"/>
        <source>Left and right arrows choose an hour, Enter shows its events.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../qml/HourTimeline.qml" line="84"/>
        <source>%1:00, %n event(s)</source>
        <translation>
            <numerusform>%1:00, %n event</numerusform>
            <numerusform>%1:00, %n events</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LabelChip</name>
    <message>
        <location filename="../../qml/LabelChip.qml" line="24"/>
        <source>Label: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../../qml/Main.qml" line="48"/>
        <source>Veriframe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/Main.qml" line="72"/>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/Main.qml" line="73"/>
        <source>Cameras</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/Main.qml" line="74"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/Main.qml" line="77"/>
        <source>Diagnostics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/Main.qml" line="105"/>
        <source>Veriframe could not start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/Main.qml" line="105"/>
        <source>Starting the demo cloud…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/Main.qml" line="147"/>
        <source>Diagnostic mode: your pictures are visible.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/Main.qml" line="148"/>
        <source>Diagnostic mode: your pictures and clips are hidden.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/Main.qml" line="156"/>
        <source>Hide my media</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/Main.qml" line="156"/>
        <source>Show my media</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/Main.qml" line="163"/>
        <source>Leave diagnostic mode</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlayerView</name>
    <message>
        <location filename="../../qml/PlayerView.qml" line="71"/>
        <source>MP4 video (*.mp4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/PlayerView.qml" line="74"/>
        <source>Saved the verified clip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/PlayerView.qml" line="100"/>
        <source>Close player</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/PlayerView.qml" line="118"/>
        <source>Verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/PlayerView.qml" line="128"/>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/PlayerView.qml" line="129"/>
        <source>Event details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/PlayerView.qml" line="150"/>
        <source>This clip failed verification and was stopped. It was reported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/PlayerView.qml" line="179"/>
        <source>Position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/PlayerView.qml" line="194"/>
        <source>Previous event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/PlayerView.qml" line="201"/>
        <source>Back 10 seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/PlayerView.qml" line="210"/>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/PlayerView.qml" line="210"/>
        <source>Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/PlayerView.qml" line="217"/>
        <source>Forward 10 seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/PlayerView.qml" line="224"/>
        <source>Next event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/PlayerView.qml" line="241"/>
        <source>Playback speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/PlayerView.qml" line="248"/>
        <source>Download the verified clip</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Reason</name>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="16"/>
        <source>Verified from your camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="19"/>
        <source>The camera&apos;s signed record is damaged or not in the expected format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="23"/>
        <source>Signed with an algorithm Veriframe does not accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="26"/>
        <source>Not signed by a genuine camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="29"/>
        <source>The camera that signed this has been revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="32"/>
        <source>The camera&apos;s signature does not match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="35"/>
        <source>The signed record belongs to a different event or camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="38"/>
        <source>Recorded in the future: the capture time is not plausible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="41"/>
        <source>The picture or video was altered after the camera signed it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="44"/>
        <source>No proof of ownership came with this event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="47"/>
        <source>The proof of ownership is not genuine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="50"/>
        <source>The proof of ownership has been revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="53"/>
        <source>The proof of ownership is for a different camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="56"/>
        <source>The camera did not record this under that ownership</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="59"/>
        <source>Recorded outside the period this camera was yours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/trust/Reason.cpp" line="61"/>
        <source>Not from your cameras</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RefusedTile</name>
    <message>
        <location filename="../../qml/RefusedTile.qml" line="48"/>
        <source>Not from your cameras</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/RefusedTile.qml" line="48"/>
        <source>Blocked</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RevocationStaleBanner</name>
    <message>
        <location filename="../../qml/RevocationStaleBanner.qml" line="35"/>
        <source>The list of revoked cameras is out of date (issued %1): a camera revoked since then may still show as verified.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/RevocationStaleBanner.qml" line="37"/>
        <source>The list of revoked cameras could not be fetched: a revoked camera may still show as verified.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/RevocationStaleBanner.qml" line="42"/>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SaveFileDialog</name>
    <message>
        <location filename="../../qml/SaveFileDialog.qml" line="48"/>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/SaveFileDialog.qml" line="51"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="10"/>
        <location filename="../../qml/SettingsPage.qml" line="24"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="27"/>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="31"/>
        <source>Signed in as %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../qml/SettingsPage.qml" line="34"/>
        <source>%n report(s) waiting to be sent</source>
        <translation>
            <numerusform>%n report waiting to be sent</numerusform>
            <numerusform>%n reports waiting to be sent</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="49"/>
        <location filename="../../qml/SettingsPage.qml" line="117"/>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="56"/>
        <source>Appearance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="62"/>
        <source>Dark theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="69"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="74"/>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="82"/>
        <source>Support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="90"/>
        <source>Diagnostic mode shows support staff why any item was refused: certificates, claims, hashes, timings and the report queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="95"/>
        <source>Diagnostic mode is on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="95"/>
        <source>Diagnostic mode…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="107"/>
        <source>Turn on diagnostic mode?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="108"/>
        <source>Turn on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="109"/>
        <source>It shows, for every event, the checks this device ran and their results, the certificates and claims involved (with your user ID replaced by a pseudonym), media hashes, the network log and the report queue. Your pictures and clips stay hidden unless you choose to show them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="116"/>
        <source>Sign out?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/SettingsPage.qml" line="118"/>
        <source>Verified pictures, events and the refusal log of this account are removed from this computer, and its saved session is ended. Reports not yet sent stay queued and go when you sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <location filename="../../qml/SignInPage.qml" line="35"/>
        <source>Your cameras&apos; events, shown only after this device checked they are yours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/SignInPage.qml" line="42"/>
        <location filename="../../qml/SignInPage.qml" line="43"/>
        <source>Username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/SignInPage.qml" line="53"/>
        <location filename="../../qml/SignInPage.qml" line="58"/>
        <location filename="../../qml/SignInPage.qml" line="59"/>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/SignInPage.qml" line="71"/>
        <source>Stay signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/SignInPage.qml" line="100"/>
        <source>Signing in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/SignInPage.qml" line="11"/>
        <location filename="../../qml/SignInPage.qml" line="100"/>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/SignInPage.qml" line="112"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/SignInPage.qml" line="128"/>
        <source>Demo cloud accounts: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ThumbnailDecoder</name>
    <message>
        <location filename="../../app/support/ThumbnailDecoder.cpp" line="23"/>
        <source>The verified picture cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/support/ThumbnailDecoder.cpp" line="29"/>
        <source>The verified picture is too large (%1×%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/support/ThumbnailDecoder.cpp" line="40"/>
        <source>The verified picture cannot be decoded: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VerificationText</name>
    <message>
        <location filename="../../qml/VerificationText.qml" line="17"/>
        <source>Verified: signed by the %1 camera shared with you at %2, share checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../qml/VerificationText.qml" line="18"/>
        <source>Verified: signed by your %1 camera at %2, owner claim checked</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VerifiedImageProvider</name>
    <message>
        <location filename="../../app/support/VerifiedImageProvider.cpp" line="31"/>
        <source>Not a verified image address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/support/VerifiedImageProvider.cpp" line="35"/>
        <source>This picture is not for the signed-in account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/support/VerifiedImageProvider.cpp" line="51"/>
        <source>Refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/support/VerifiedImageProvider.cpp" line="55"/>
        <source>Not verified for this account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/support/VerifiedImageProvider.cpp" line="58"/>
        <source>Not in the verified cache any more; it is being fetched again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/support/VerifiedImageProvider.cpp" line="63"/>
        <source>Signed out.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vf::app::AppSession</name>
    <message>
        <location filename="../../app/ui/AppSession.cpp" line="164"/>
        <source>Sign in first: the bundle describes the signed-in account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/AppSession.cpp" line="172"/>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/AppSession.cpp" line="261"/>
        <source>Demo cloud on this computer (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vf::app::ClipPlayer</name>
    <message>
        <location filename="../../app/ui/ClipPlayer.cpp" line="141"/>
        <location filename="../../app/ui/ClipPlayer.cpp" line="145"/>
        <source>Not signed in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/ClipPlayer.cpp" line="150"/>
        <source>This event is not available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/ClipPlayer.cpp" line="157"/>
        <source>The clip could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/ClipPlayer.cpp" line="168"/>
        <source>The clip arrived out of order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/ClipPlayer.cpp" line="219"/>
        <source>The clip cannot be played: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/ClipPlayer.cpp" line="223"/>
        <source>The clip cannot be played.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/ClipPlayer.cpp" line="245"/>
        <source>The clip is not completely verified yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/ClipPlayer.cpp" line="249"/>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vf::app::SessionKeeper</name>
    <message>
        <location filename="../../app/support/SessionKeeper.cpp" line="190"/>
        <source>The system&apos;s keyring refused to keep the session (it may be locked): the password will be asked next time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/support/SessionKeeper.cpp" line="194"/>
        <source>This system has no keyring Veriframe can use, so it cannot keep you signed in: the password will be asked next time.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vf::sync::ClientSession</name>
    <message>
        <location filename="../../core/sync/ClientSession.cpp" line="67"/>
        <source>The saved session has ended. Please sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/sync/ClientSession.cpp" line="76"/>
        <source>Your session has ended. Please sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/sync/ClientSession.cpp" line="84"/>
        <source>The cloud could not prove who you are when the session was renewed (%1). You were signed out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/sync/ClientSession.cpp" line="182"/>
        <source>The username or password is not right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/sync/ClientSession.cpp" line="190"/>
        <source>The cloud&apos;s answer to the sign-in was not understood: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/sync/ClientSession.cpp" line="197"/>
        <source>The cloud could not prove who you are (%1). Nothing was loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/sync/ClientSession.cpp" line="205"/>
        <source>The cloud named another account than its signed identity. Nothing was loaded.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vf::sync::VerifiedClipStream</name>
    <message>
        <location filename="../../core/sync/VerifiedClipStream.cpp" line="27"/>
        <source>This event has no clip.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../core/sync/VerifiedClipStream.cpp" line="84"/>
        <source>The cloud sent an empty part of the clip.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
