"""Four fictional therapy sessions for the speaker bench (written for this project; no real person).

Each turn is (who, text): "T" the clinician, "C" the client. They are built to be hard in the
ways real sessions are: the client sometimes speaks first, back-channels ("Mm-hmm.", "Okay.")
are short turns of their own, the clinician sometimes explains at length, and the client
sometimes asks the questions.
"""

from __future__ import annotations

SLEEP_AND_WORK = [
    ("C", "Hi. Sorry, the traffic was terrible, I nearly turned around and went home."),
    ("T", "I'm glad you made it. Take a moment to settle in. How has the week been since we last met?"),
    ("C", "Honestly, not great. I have been waking up at three or four every morning and I can't get back to sleep."),
    ("T", "Mm-hmm."),
    ("C", "I just lie there and my mind goes straight to work. The deadlines, the emails, what my manager said on Monday."),
    ("T", "What did your manager say on Monday?"),
    ("C", "She said the report was late again, in front of the whole team. I felt my face go hot. I wanted to disappear."),
    ("T", "It sounds like that was humiliating, and it has stayed with you all week."),
    ("C", "Yeah. It keeps replaying. I go over what I should have said."),
    ("T", "When it replays at four in the morning, what do you notice in your body?"),
    ("C", "My chest is tight, my jaw is clenched. Sometimes my heart is pounding so hard I can hear it."),
    ("T", "Okay."),
    ("C", "And then I think, if I don't sleep I'll be useless tomorrow, and that makes it worse."),
    ("T", "So there is the memory of the meeting, and then a second layer of worry about not sleeping. "
          "Is that right?"),
    ("C", "Exactly. The worry about sleep is almost worse than the work stuff."),
    ("T", "Last time we talked about getting out of bed when you have been awake for more than twenty minutes. "
          "Did you have a chance to try that?"),
    ("C", "I tried it twice. The first time I read a book in the kitchen and I got sleepy after maybe half an hour. "
          "The second time I checked my phone, which was a mistake."),
    ("T", "What happened when you checked your phone?"),
    ("C", "There was an email from work. I read it and that was it, I was awake until six."),
    ("T", "That's a really useful observation. The book helped, and the phone pulled you straight back into work."),
    ("C", "Mm-hmm."),
    ("T", "What I'm hearing is that the nights go better when there is nothing connecting you to the office."),
    ("C", "I suppose so. I never thought of it like that."),
    ("T", "How would you feel about leaving the phone to charge in another room this week?"),
    ("C", "Nervous, to be honest. What if something urgent comes in?"),
    ("T", "That's a fair worry. What would actually happen if an urgent email waited until eight in the morning?"),
    ("C", "Probably nothing. Nobody expects me to answer at four. I expect it of myself."),
    ("T", "Right."),
    ("C", "My dad was like that. He answered the phone at dinner, on holiday, always. I think I learned it from him."),
    ("T", "It sounds like being always available was part of how work was done in your family."),
    ("C", "Yes. And he was exhausted all the time. I don't want to end up like that."),
    ("T", "Let's make that the focus, then. This week could you try two things: the phone stays out of the bedroom, "
          "and when you wake up and can't sleep, you go to the kitchen with the book, as you did the first time?"),
    ("C", "Okay. I can do that. Should I write down how it goes?"),
    ("T", "Yes, a short note each morning would help us see the pattern. What time you woke, what you did, "
          "and roughly when you fell asleep again."),
    ("C", "I can keep it on the fridge."),
    ("T", "Good. And about the meeting on Monday, would you be willing to look at what you might say to your "
          "manager next time we meet?"),
    ("C", "Yes, I'd like that. I think I need to talk to her about the workload anyway."),
    ("T", "We'll start there next session. On a scale from zero to ten, how stressed do you feel right now?"),
    ("C", "Maybe a five. It was an eight when I walked in."),
    ("T", "That's a real change in fifty minutes. Thank you for working so hard today."),
    ("C", "Thank you. See you next week."),
]

GRIEF = [
    ("T", "Welcome back. Last week you mentioned that the anniversary of your mother's death was coming up. "
          "How has that been?"),
    ("C", "It was on Thursday. I took the day off work. I thought I would go to the cemetery but I couldn't make myself go."),
    ("T", "Mm-hmm."),
    ("C", "I sat in the car outside for an hour and then I drove home. I felt like a coward."),
    ("T", "You drove all the way there and stayed for an hour. What was happening for you while you sat in the car?"),
    ("C", "I kept thinking about the hospital. The last week. I wasn't there when she died. I had gone home to shower."),
    ("T", "That sounds incredibly painful, to have stepped out just then."),
    ("C", "Everyone says it's common, that people often die when their family leaves the room. "
          "It doesn't help. I still feel I let her down."),
    ("T", "So part of the grief is also guilt, a feeling that you should have been there."),
    ("C", "Yes. My brother was there. He never says anything about it but I feel he blames me."),
    ("T", "Has he ever said that he blames you?"),
    ("C", "No. Never. He actually said it was good I wasn't there because it was hard to watch. But I don't believe him."),
    ("T", "Okay."),
    ("C", "Is that normal? To still feel this guilty after two years?"),
    ("T", "Many people carry guilt in grief for a long time, especially when the last moments did not go the way "
          "they hoped. It doesn't mean something is wrong with you. It often shows how much the relationship mattered."),
    ("C", "It mattered a lot. She was the one person I could call about anything."),
    ("T", "What would you call her about, these days, if you could?"),
    ("C", "Work, probably. I got the promotion in the spring. She would have been so proud. "
          "I didn't celebrate. It felt wrong to celebrate."),
    ("T", "It sounds like you have been holding back good things because she is not there to share them."),
    ("C", "Mm-hmm. I hadn't thought of it that way but yes."),
    ("T", "I wonder what she would say, if she saw you not celebrating the promotion."),
    ("C", "She'd be annoyed. She would tell me to buy a nice bottle of wine and stop moping."),
    ("T", "Right."),
    ("C", "She had a very practical side. She would have made a cake, honestly."),
    ("T", "What I'm hearing is that she would want you to enjoy things, and the guilt is making that hard."),
    ("C", "That's true."),
    ("T", "Would you be willing to try a letter this week? Not to send, just to write to her about the promotion, "
          "about Thursday, and about the hospital, whatever comes."),
    ("C", "A letter to her. I don't know. It might be too much."),
    ("T", "That's okay. You could start with just a few lines, and stop whenever you need to. "
          "How would you feel about ten minutes, once this week?"),
    ("C", "Ten minutes I can probably manage. Can I bring it here?"),
    ("T", "Yes, you're welcome to bring it, and we can read it together if you'd like, or not read it at all."),
    ("C", "Okay. And maybe I will go back to the cemetery. With my brother this time."),
    ("T", "Let's talk about that next week, after the letter. How are you feeling now, as we finish?"),
    ("C", "Tired. But lighter, I think. Thank you."),
]

PANIC_PSYCHOEDUCATION = [
    ("T", "Today I'd like to spend some time on how panic works in the body, since you asked about it last week. Is that okay?"),
    ("C", "Yes please. I still don't really understand why it happens out of nowhere."),
    ("T", "When the brain senses danger, real or not, it switches on the fight or flight response. Adrenaline is released, "
          "the heart speeds up to move blood to the muscles, breathing gets faster, and you can feel dizzy or tingly. "
          "It is uncomfortable, but it is not dangerous. The body is preparing to run, even when there is nothing to run from."),
    ("C", "Mm-hmm."),
    ("T", "The trouble is what happens next. You notice the pounding heart, you think something is wrong, maybe a heart attack, "
          "and that thought is itself a danger signal, so the alarm gets louder. That loop is what turns a few symptoms into a panic attack."),
    ("C", "So it's the thought about the symptoms that makes it worse?"),
    ("T", "Very often, yes. Does that match what happened in the supermarket?"),
    ("C", "Totally. I felt hot, then my heart was racing, then I thought I'm going to faint in front of everyone, "
          "and then I really couldn't breathe."),
    ("T", "And did you faint?"),
    ("C", "No. I left my basket and sat in the car for twenty minutes. I have not been back since."),
    ("T", "Okay."),
    ("C", "My partner does all the shopping now. I feel bad about it."),
    ("T", "It sounds like avoiding the supermarket brought relief right away, and it has also made your world smaller."),
    ("C", "Yes. And every week it gets a bit harder to imagine going back."),
    ("T", "That is how avoidance works. Each time we avoid something, the brain learns it was dangerous and that escaping saved us. "
          "What we do in this therapy is give the brain a chance to learn something new: that you can feel the symptoms and stay, "
          "and they rise, peak, and fall on their own."),
    ("C", "How long does that take? The falling part?"),
    ("T", "For most people the peak passes within ten minutes, often sooner. Have you ever noticed how long yours last?"),
    ("C", "I never stay long enough to find out. I always leave."),
    ("T", "Right. So we don't know yet, and that is something we can find out together, in small steps."),
    ("C", "What kind of steps?"),
    ("T", "We would make a ladder. The bottom step might be driving to the supermarket and sitting in the car park for five minutes. "
          "A middle step might be walking in and buying one item. The top might be a full weekly shop at a busy time."),
    ("C", "The top one sounds impossible right now."),
    ("T", "That's fine. We only ever work on the next step, never the top one."),
    ("C", "Mm-hmm."),
    ("T", "Let's build the ladder together now. What would be a step that feels a little uncomfortable, maybe a three out of ten?"),
    ("C", "Driving there with my partner and going in together, just to the entrance."),
    ("T", "Good. And something around a five?"),
    ("C", "Going in on my own, on a quiet morning, and buying bread."),
    ("T", "That's a clear step. This week could you try the first one, twice, and notice what your body does and how long it lasts?"),
    ("C", "Okay. I'll ask my partner tonight. Should I do the breathing when it starts?"),
    ("T", "You can, slowly, but not to make the feelings go away. The aim is to let them be there and see that they pass."),
    ("C", "That's a bit scary, but it makes sense."),
    ("T", "It is scary, and you are doing it anyway. That is what courage looks like in this work. "
          "We'll look at how it went next session."),
]

COUPLE_CONFLICT = [
    ("C", "Can I start with something? I had a huge fight with Sam on Saturday and I've been stewing about it all week."),
    ("T", "Of course. Tell me what happened."),
    ("C", "We were supposed to go to his sister's for lunch. I said the night before that I was exhausted and didn't want to go. "
          "He said fine. Then in the morning he acted like I had ruined everything."),
    ("T", "Mm-hmm."),
    ("C", "He was slamming cupboards, he wouldn't look at me. I asked what was wrong and he said nothing. "
          "Which obviously meant something."),
    ("T", "What did you feel when he said nothing?"),
    ("C", "Furious. And scared, under the furious. Like, here we go, he's going to shut down for days."),
    ("T", "It sounds like the silence frightens you as much as it angers you."),
    ("C", "Yes. My parents did that. Weeks of silence. You never knew what you had done."),
    ("T", "So when Sam goes quiet, it can feel like being back in that house."),
    ("C", "Exactly. And then I push and push to get him to talk, and he goes even quieter."),
    ("T", "Okay."),
    ("C", "And then I say something cruel. On Saturday I told him he was just like his father. I regret it."),
    ("T", "What happened after you said that?"),
    ("C", "He went for a walk for three hours. When he came back we didn't talk until Monday."),
    ("T", "Right."),
    ("C", "On Monday he apologised for the cupboards and I apologised for the comment. But it felt like nothing was really solved."),
    ("T", "What I'm hearing is a pattern: he withdraws, you pursue, and the more you pursue the more he withdraws. "
          "Does that fit?"),
    ("C", "That is exactly it. Every single fight."),
    ("T", "Many couples get caught in that dance. Neither of you is the villain in it; each move makes sense from inside, "
          "and each move triggers the other's."),
    ("C", "Mm-hmm."),
    ("T", "When you pursue, what are you hoping he will do?"),
    ("C", "Just tell me he's not leaving. That we're okay. I know it sounds dramatic."),
    ("T", "It doesn't sound dramatic. It sounds like what you need most in those moments is reassurance."),
    ("C", "Yeah. But I never say that. I say you're just like your father."),
    ("T", "So the need underneath is for reassurance, and what comes out is an attack. How do you think Sam hears the attack?"),
    ("C", "Probably like he's failing. Like nothing he does is good enough. He has said that before."),
    ("T", "How would you feel about trying something different next time you notice the silence starting?"),
    ("C", "Like what?"),
    ("T", "Instead of pushing him to talk, you could name what is happening in you. Something like, I'm getting scared "
          "when you go quiet, can you tell me we're okay, even if you need time before we talk."),
    ("C", "That feels really exposed. But I think he would actually answer that."),
    ("T", "Let's practise it here. Say it to me as if I'm Sam, in your own words."),
    ("C", "Okay. Sam, when you go quiet I start to panic. I'm not trying to attack you. "
          "Can you just tell me we're okay, and we can talk later?"),
    ("T", "How did that feel to say?"),
    ("C", "Weird. Shaky. But true."),
    ("T", "This week could you try that once, if a silence starts, and notice what happens? "
          "And if it doesn't go well, that's useful too; we'll look at it together."),
    ("C", "Okay. I'll try. Should I tell him we talked about this?"),
    ("T", "That's up to you. Some people find it helps to tell their partner they're working on the pattern."),
    ("C", "I think I will. He might even be relieved."),
]

DIALOGUES = {
    "sleep and work": SLEEP_AND_WORK,
    "grief": GRIEF,
    "panic psychoeducation": PANIC_PSYCHOEDUCATION,
    "couple conflict": COUPLE_CONFLICT,
}

# Three voices (a couple session): "T" the clinician, "C" the first partner heard (named Client),
# "D" the second (named Client 2). Used by transcription_calls.py.
COUPLE_THREE = [
    ("T", "Welcome, both of you. What would you like to focus on in our session today?"),
    ("C", "We keep arguing about money. Last weekend I found a credit card bill I did not know about."),
    ("D", "I was going to tell her. I was embarrassed, because I had lost my bonus at work."),
    ("T", "It sounds like the bill felt like a secret, and the secret hurt more than the money. Is that right?"),
    ("C", "Yes, exactly. I felt shut out. I wondered what else I did not know."),
    ("D", "And I felt ashamed. My father never talked about money either, he just worried in silence."),
    ("T", "So each of you was alone with a hard feeling. What happened when you talked about it?"),
    ("C", "I raised my voice and he walked out of the kitchen. We did not speak until Monday."),
    ("D", "I needed time to calm down, but I know it looked like I did not care."),
    ("T", "Mm-hmm."),
    ("C", "It did look like that. It looked like you just left."),
    ("T", "What I'm hearing is that the leaving felt like not caring, and for you it was a way to stop the fight "
          "getting worse. Does that fit for both of you?"),
    ("D", "Yes. I leave because I don't want to say something I regret."),
    ("C", "I didn't know that. I thought you were punishing me."),
    ("T", "That is an important thing to hear from each other. Could you tell him what would help when he needs a break?"),
    ("C", "If you just said you need twenty minutes and you will come back, I could wait."),
    ("D", "I can do that. Twenty minutes, and then I come back and we finish the conversation."),
    ("T", "Let's try that this week, and a short money talk every Sunday. How does that sound?"),
    ("C", "Okay. Maybe over breakfast, when we are both calm."),
    ("D", "Okay. I will bring the statements, and I will tell her about the bonus first."),
]
